using System.Net;
using System.Text;

namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>
/// The HTML page GET serves when <see cref="XmlRpcEndpointOptions.EnableDocumentationPage"/> is on: every method with
/// its signature and help, as Python's <c>DocXMLRPCServer</c> lists them. Everything shown is HTML-encoded.
/// </summary>
internal static class DocumentationPage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static byte[] Render(XmlRpcDispatcher dispatcher)
    {
        var title = WebUtility.HtmlEncode(dispatcher.Service.PythonClassName) + " XML-RPC methods";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(title).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}dt{font-family:monospace;font-weight:bold;margin-top:1em}dd pre{white-space:pre-wrap}</style>\n")
            .Append("</head>\n<body>\n<h1>").Append(title).Append("</h1>\n")
            .Append("<p>POST an XML-RPC <code>methodCall</code> to this address.</p>\n<dl>\n");
        foreach (var name in dispatcher.MethodNames)
        {
            var method = dispatcher.FindMethod(name)!;
            var result = method.Signature.Count > 0 ? method.Signature[0] : "any";
            var parameters = method.Parameters.Select((p, i) =>
                $"{(i + 1 < method.Signature.Count ? method.Signature[i + 1] : "any")} {p.Name}{(p.IsOptional ? "?" : string.Empty)}");
            html.Append("<dt id=\"").Append(WebUtility.HtmlEncode(name)).Append("\">")
                .Append(WebUtility.HtmlEncode($"{name}({string.Join(", ", parameters)}) → {result}"))
                .Append("</dt>\n<dd><pre>").Append(WebUtility.HtmlEncode(method.Help)).Append("</pre></dd>\n");
        }

        html.Append("</dl>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }
}
