using System.Globalization;
using System.Text;

namespace Restarter.Web.Responses;

/// <summary>
/// The JSON the Bottle app returned for a restart: Python's <c>json.dumps({"success": ..., "message": ...})</c>, with its
/// <c>", "</c> and <c>": "</c> separators and <c>ensure_ascii</c> escaping, so scripts that compare bytes keep working.
/// </summary>
public static class LegacyJson
{
    public const string ContentType = "application/json";

    public static string Restart(bool success, string message)
    {
        var json = new StringBuilder("{\"success\": ");
        json.Append(success ? "true" : "false").Append(", \"message\": ");
        AppendString(json, message);
        return json.Append('}').ToString();
    }

    /// <summary>Python's <c>py_encode_basestring_ascii</c>: everything outside printable ASCII becomes an escape.</summary>
    internal static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case >= ' ' and <= '~': json.Append(c); break;

                // UTF-16 code units are exactly what Python writes for non-BMP characters (a surrogate pair).
                default: json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }

        json.Append('"');
    }
}
