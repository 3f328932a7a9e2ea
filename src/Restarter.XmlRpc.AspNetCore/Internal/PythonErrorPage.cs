using System.Globalization;
using System.Text;

namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>
/// The HTML error page of Python's <c>BaseHTTPRequestHandler.send_error</c> (CPython 3.11), byte for byte, as
/// <c>SimpleXMLRPCServer</c> sends it for a method it does not handle (501 "Unsupported method ('GET')").
/// </summary>
internal static class PythonErrorPage
{
    public const string ContentType = "text/html;charset=utf-8";

    public static string UnsupportedMethodReason(string method) => $"Unsupported method ({PythonRepr(method)})";

    public static byte[] UnsupportedMethod(string method) =>
        Page(501, UnsupportedMethodReason(method), "Server does not support this operation");

    private static byte[] Page(int code, string message, string explain)
    {
        var status = code.ToString(CultureInfo.InvariantCulture);
        var html =
            "<!DOCTYPE HTML>\n" +
            "<html lang=\"en\">\n" +
            "    <head>\n" +
            "        <meta charset=\"utf-8\">\n" +
            "        <title>Error response</title>\n" +
            "    </head>\n" +
            "    <body>\n" +
            "        <h1>Error response</h1>\n" +
            $"        <p>Error code: {status}</p>\n" +
            $"        <p>Message: {Escape(message)}.</p>\n" +
            $"        <p>Error code explanation: {status} - {explain}.</p>\n" +
            "    </body>\n" +
            "</html>\n";
        return Encoding.UTF8.GetBytes(html);
    }

    // html.escape(message, quote=False)
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    // repr() of an ASCII token: single quotes unless it contains one.
    private static string PythonRepr(string text) =>
        text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? $"\"{text}\"" : $"'{text.Replace("'", "\\'", StringComparison.Ordinal)}'";
}
