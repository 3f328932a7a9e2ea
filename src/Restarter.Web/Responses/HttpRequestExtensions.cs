using Microsoft.Net.Http.Headers;

namespace Restarter.Web.Responses;

/// <summary>How the web app decides between a page for people and the legacy JSON for scripts.</summary>
public static class HttpRequestExtensions
{
    /// <summary>True when the Accept header names <c>text/html</c> (a browser); curl's <c>*/*</c> and JSON clients get JSON.</summary>
    public static bool WantsHtml(this HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        return accepted.Any(m => m.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && m.Quality is not 0);
    }
}
