using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Restarter.XmlRpc;

namespace Restarter.Server.Restarting;

/// <summary>
/// The rules for the identifier of <c>restart_unit</c>. Valid means exactly four ASCII digits (<c>^[0-9]{4}\z</c>):
/// not <c>\d</c>, which in .NET also matches Arabic-Indic and fullwidth digits, and not <c>$</c>, which accepts a trailing
/// newline (the legacy server's bug: systemd then refused the unit name).
/// </summary>
public static class UnitIdentifier
{
    /// <summary>The legacy server's answer to any identifier it refuses, kept byte for byte.</summary>
    public const string InvalidMessage = "invalid identifier";

    public static bool IsValid([NotNullWhen(true)] string? text) =>
        text is { Length: 4 } && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]);

    /// <summary>
    /// The text an identifier received over XML-RPC stands for, or null for a type that is never an identifier.
    /// A string (or an untyped value) is taken as is; an integer as its decimal text, because the legacy server did
    /// <c>str(identifier)</c>. Booleans, doubles, base64, dates, nil, arrays and structs are refused: the legacy server
    /// took <c>&lt;base64&gt;MTIzNA==&lt;/base64&gt;</c> as 1234.
    /// </summary>
    public static string? TextOf(XmlRpcValue? value) => value switch
    {
        XmlRpcString text => text.Value,
        XmlRpcInteger integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
