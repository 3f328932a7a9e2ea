using System.Diagnostics.CodeAnalysis;

namespace Restarter.Server.Restarting;

/// <summary>Turns an identifier into a unit name (<c>example@{id}.service</c> by default) and back.</summary>
public sealed class UnitNameTemplate
{
    public const string Placeholder = "{id}";

    private readonly string _prefix;
    private readonly string _suffix;

    public UnitNameTemplate(string template)
    {
        if (!IsWellFormed(template, out var error))
        {
            throw new ArgumentException(error, nameof(template));
        }

        var at = template.IndexOf(Placeholder, StringComparison.Ordinal);
        _prefix = template[..at];
        _suffix = template[(at + Placeholder.Length)..];
        Template = template;
    }

    public string Template { get; }

    /// <summary>The glob that matches every instance, for <c>ListUnitsByPatterns</c>.</summary>
    public string Pattern => _prefix + "*" + _suffix;

    public string UnitFor(string identifier) => _prefix + identifier + _suffix;

    /// <summary>The identifier of <paramref name="unit"/> when it is an instance of this template with a valid identifier.</summary>
    public bool TryGetIdentifier(string unit, [NotNullWhen(true)] out string? identifier)
    {
        identifier = null;
        if (unit.Length != _prefix.Length + 4 + _suffix.Length
            || !unit.StartsWith(_prefix, StringComparison.Ordinal)
            || !unit.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = unit.Substring(_prefix.Length, 4);
        if (!UnitIdentifier.IsValid(candidate))
        {
            return false;
        }

        identifier = candidate;
        return true;
    }

    public static bool IsWellFormed(string? template, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(template))
        {
            error = "Restarter:UnitTemplate is empty; set it to a unit name with {id}, such as example@{id}.service";
        }
        else if (template.IndexOf(Placeholder, StringComparison.Ordinal) is var first && first < 0
                 || template.IndexOf(Placeholder, first + 1, StringComparison.Ordinal) >= 0)
        {
            error = $"Restarter:UnitTemplate '{template}' must contain {Placeholder} exactly once, as in example@{{id}}.service";
        }
        else if (template.IndexOfAny(['*', '?', '[', ']', '\\']) >= 0)
        {
            error = $"Restarter:UnitTemplate '{template}' must not contain glob characters (* ? [ ] \\)";
        }

        return error is null;
    }
}
