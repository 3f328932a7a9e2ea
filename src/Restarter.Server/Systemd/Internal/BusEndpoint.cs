using System.Text;

namespace Restarter.Server.Systemd.Internal;

/// <summary>One entry of a D-Bus address (<c>unix:path=...</c>, <c>unix:abstract=...</c>, <c>tcp:host=...,port=...</c>), already unescaped.</summary>
internal sealed record BusEndpoint(string Transport, string? Path, string? Abstract, string? Host, string? Port)
{
    public bool IsUnix => Transport == "unix";

    /// <summary>How libdbus names the socket in its connect errors.</summary>
    public string Describe() => IsUnix ? (Path ?? Abstract ?? "") : $"\"{Host}\" port {Port}";

    /// <summary>This one endpoint as a D-Bus address, escaped as the specification says.</summary>
    public string ToAddress() => Transport switch
    {
        "unix" when Path is not null => "unix:path=" + Escape(Path),
        "unix" => "unix:abstract=" + Escape(Abstract!),
        _ => $"tcp:host={Escape(Host!)},port={Escape(Port!)}",
    };

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or '\\' or '*')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
