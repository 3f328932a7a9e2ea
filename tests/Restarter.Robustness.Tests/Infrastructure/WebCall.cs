using System.Net;
using System.Text.RegularExpressions;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>One restart posted to the web front end and what it answered (<see cref="Status"/> null: no answer at all).</summary>
public sealed partial record WebCall(string Identifier, bool Browser, TimeSpan StartedAt, TimeSpan Elapsed, HttpStatusCode? Status, string Body)
{
    public const string JsonSuccess = "{\"success\": true, \"message\": \"success\"}";

    public TimeSpan EndedAt => StartedAt + Elapsed;

    /// <summary>The web app said the unit was restarted: the legacy JSON's success, or the page's verdict with systemd's job result <c>done</c>.</summary>
    public bool Succeeded => Status == HttpStatusCode.OK && (Browser
        ? Body.Contains("<p class=\"verdict\">Restarted.</p>", StringComparison.Ordinal) && Body.Contains("<strong>done</strong>", StringComparison.Ordinal)
        : Body == JsonSuccess);

    /// <summary>The message the user was shown: the JSON's <c>message</c>, or the page's "Server's message".</summary>
    public string Message
    {
        get
        {
            var match = Browser ? PageMessage().Match(Body) : JsonMessage().Match(Body);
            return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : Body;
        }
    }

    /// <summary>The page's verdict line ("Restarted.", "Not restarted."...); null for scripts (JSON).</summary>
    public string? Verdict => Browser && PageVerdict().Match(Body) is { Success: true } match ? match.Groups[1].Value : null;

    public bool HasStackTrace => Body.Contains("   at ", StringComparison.Ordinal) || Body.Contains("Exception", StringComparison.Ordinal);

    public override string ToString() =>
        $"{Identifier} {(Browser ? "page" : "json")} at {StartedAt.TotalSeconds:0.000} s, {Elapsed.TotalMilliseconds:0} ms: {(Status is { } s ? (int)s : 0)} {Message}";

    [GeneratedRegex("^\\{\"success\": (?:true|false), \"message\": \"(.*)\"\\}$", RegexOptions.Singleline)]
    private static partial Regex JsonMessage();

    [GeneratedRegex("<dd id=\"message\">(.*?)</dd>", RegexOptions.Singleline)]
    private static partial Regex PageMessage();

    [GeneratedRegex("<p class=\"verdict\">(.*?)</p>")]
    private static partial Regex PageVerdict();
}
