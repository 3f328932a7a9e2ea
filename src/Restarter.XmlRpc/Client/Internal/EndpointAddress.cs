using System.Globalization;
using System.Text;

namespace Restarter.XmlRpc.Client.Internal;

/// <summary>
/// Turns the URL a caller gives (as Python's <c>ServerProxy</c> takes it) into what goes on the wire: the request URI
/// without user info, and the user info as a Basic <c>Authorization</c> value.
/// </summary>
internal sealed class EndpointAddress
{
    private const string PythonDefaultPath = "/RPC2";

    private EndpointAddress(Uri requestUri, string? authorization)
    {
        RequestUri = requestUri;
        Authorization = authorization;
    }

    /// <summary>The URL to POST to: no user info, and <c>/RPC2</c> when the caller's URL had no path at all.</summary>
    public Uri RequestUri { get; }

    /// <summary><c>Basic ...</c> when the URL carried user info, otherwise <c>null</c>.</summary>
    public string? Authorization { get; }

    public static EndpointAddress Parse(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                "The XML-RPC endpoint must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8081/RPC2.", nameof(endpoint));
        }

        var builder = new UriBuilder(endpoint) { UserName = string.Empty, Password = string.Empty };
        if (!HasPath(endpoint.OriginalString))
        {
            // ServerProxy("http://host:8081") posts to /RPC2; a .NET Uri cannot tell "no path" from "/", the original text can.
            builder.Path = PythonDefaultPath;
        }

        string? authorization = null;
        if (endpoint.UserInfo.Length > 0)
        {
            // Python: base64 of urllib.parse.unquote_to_bytes(userinfo), so "p%40ss" is "p@ss" and a bare user has no colon.
            authorization = "Basic " + Convert.ToBase64String(PercentDecode(endpoint.UserInfo));
        }

        return new EndpointAddress(builder.Uri, authorization);
    }

    private static bool HasPath(string original)
    {
        var scheme = original.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return true;
        }

        var end = original.AsSpan(scheme + 3).IndexOfAny('/', '?', '#');
        return end >= 0 && original[scheme + 3 + end] == '/';
    }

    internal static byte[] PercentDecode(string text)
    {
        var bytes = new List<byte>(text.Length);
        var run = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length &&
                byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                Flush();
                bytes.Add(b);
                i += 2;
            }
            else
            {
                run.Append(text[i]);
            }
        }

        Flush();
        return [.. bytes];

        void Flush()
        {
            if (run.Length > 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(run.ToString()));
                run.Clear();
            }
        }
    }
}
