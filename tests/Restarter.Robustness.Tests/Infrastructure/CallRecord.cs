using System.Diagnostics;
using System.Net;
using System.Text;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>One restart_unit call made by a load generator, and what came back.</summary>
public sealed record CallRecord(TimeSpan StartedAt, TimeSpan Elapsed, HttpStatusCode? Status, bool? Success, string Detail)
{
    /// <summary>True when the answer is the legacy struct (success or not); false for a transport error or anything else.</summary>
    public bool IsAnswer => Status == HttpStatusCode.OK && Success is not null;

    public static async Task<CallRecord> MakeAsync(HttpClient http, Uri url, string identifier, Stopwatch clock)
    {
        var started = clock.Elapsed;
        try
        {
            using var content = new StringContent(NormalCall.Document(identifier), Encoding.UTF8, "text/xml");
            using var response = await http.PostAsync(url, content);
            var body = await response.Content.ReadAsStringAsync();
            bool? success = body.Contains("<name>success</name>\n<value><boolean>1</boolean>", StringComparison.Ordinal) ? true
                : body.Contains("<name>success</name>\n<value><boolean>0</boolean>", StringComparison.Ordinal) ? false
                : null;
            var message = System.Text.RegularExpressions.Regex.Match(body, "<name>message</name>\n<value><string>(.*?)</string>", System.Text.RegularExpressions.RegexOptions.Singleline);
            return new(started, clock.Elapsed - started, response.StatusCode, success, message.Success ? WebUtility.HtmlDecode(message.Groups[1].Value) : body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new(started, clock.Elapsed - started, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
