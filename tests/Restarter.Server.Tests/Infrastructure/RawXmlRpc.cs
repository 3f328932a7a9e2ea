using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>Posts a hand-written XML-RPC document and returns the status and the exact bytes of the answer.</summary>
public static class RawXmlRpc
{
    public static string Call(string method, params string[] values) =>
        "<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>"
        + string.Concat(values.Select(v => "<param><value>" + v + "</value></param>"))
        + "</params></methodCall>";

    public static async Task<(HttpStatusCode Status, HttpResponseMessage Response, string Body)> PostAsync(
        Uri url, string document, AuthenticationHeaderValue? authorization = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(document, Encoding.UTF8, "text/xml") };
        request.Headers.Authorization = authorization;
        var response = await http.SendAsync(request);
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        return (response.StatusCode, response, body);
    }

    /// <summary>The body the legacy server (and ours) answers with for the struct <c>{success, message}</c>.</summary>
    public static string LegacyAnswer(bool success, string message) =>
        "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n<name>success</name>\n<value><boolean>"
        + (success ? "1" : "0") + "</boolean></value>\n</member>\n<member>\n<name>message</name>\n<value><string>" + message
        + "</string></value>\n</member>\n</struct></value>\n</param>\n</params>\n</methodResponse>\n";
}
