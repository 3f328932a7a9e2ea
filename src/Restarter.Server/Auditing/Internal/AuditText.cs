using System.Globalization;
using System.Text;
using Restarter.XmlRpc;

namespace Restarter.Server.Auditing.Internal;

/// <summary>
/// Renders untrusted values for a one-line log record: quoted, every character outside printable ASCII escaped
/// (<c>\n</c>, <c>\u0661</c>...), and cut after <see cref="MaxCharacters"/>, so that a hostile identifier can neither
/// break the line, forge a field, nor flood the journal.
/// </summary>
internal static class AuditText
{
    /// <summary>How much of a received identifier is shown; a real one has 4 characters.</summary>
    public const int MaxCharacters = 64;

    /// <summary>How much of a message (D-Bus error texts run to about 200 characters) is shown.</summary>
    public const int MaxMessageCharacters = 512;

    /// <summary>The identifier as received: a string quoted and escaped, an integer as is, any other type by its type name and value.</summary>
    public static string Identifier(XmlRpcValue? value) => value switch
    {
        null => "(none)",
        XmlRpcString s => Quote(s.Value),
        XmlRpcInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        XmlRpcBoolean b => b.Value ? "boolean:1" : "boolean:0",
        XmlRpcDouble d => "double:" + d.Value.ToString("R", CultureInfo.InvariantCulture),
        XmlRpcBase64 b => "base64:" + Quote(Convert.ToBase64String(b.Value.Span[..Math.Min(b.Value.Length, MaxCharacters)])),
        XmlRpcDateTime t => "dateTime.iso8601:" + Quote(t.Value.ToString("s", CultureInfo.InvariantCulture)),
        _ => XmlRpcTypeNames.Of(value.Kind),
    };

    /// <summary>A free text (a D-Bus error message, a user name) quoted and escaped.</summary>
    public static string Quote(string? text, int maxCharacters = MaxCharacters)
    {
        if (text is null)
        {
            return "-";
        }

        var shown = Math.Min(text.Length, maxCharacters);
        var builder = new StringBuilder(shown + 2).Append('"');
        for (var i = 0; i < shown; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case >= ' ' and <= '~': builder.Append(c); break;
                default: builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }

        builder.Append('"');
        if (text.Length > shown)
        {
            builder.Append("...(").Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return builder.ToString();
    }
}
