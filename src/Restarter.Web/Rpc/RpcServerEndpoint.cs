using System.Net.Http.Headers;
using System.Text;

namespace Restarter.Web.Rpc;

/// <summary>
/// Where the RPC server is and how to authenticate to it: the URL without its user info (safe to log and show), and the
/// Basic credentials from the URL's user info or, failing that, from the systemd credential file.
/// </summary>
public sealed class RpcServerEndpoint
{
    private RpcServerEndpoint(Uri configured, Uri address, AuthenticationHeaderValue? authorization)
    {
        Configured = configured;
        Address = address;
        Authorization = authorization;
    }

    /// <summary>
    /// The URL as configured, user info included: what the XML-RPC client is given, so it treats the URL as Python's
    /// ServerProxy did (Basic auth from the user info, <c>/RPC2</c> when there is no path). Never log or show it.
    /// </summary>
    public Uri Configured { get; }

    /// <summary>The server's URL without user info.</summary>
    public Uri Address { get; }

    /// <summary>Whether the credentials come from the systemd credential file rather than the URL.</summary>
    public bool CredentialsFromFile => Authorization is not null && string.IsNullOrEmpty(Configured.UserInfo);

    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>Resolves the endpoint; throws <see cref="InvalidOperationException"/> with a message that says what to set.</summary>
    public static RpcServerEndpoint Resolve(string? rpcServer, string? credentialsDirectory, string credentialName)
    {
        if (string.IsNullOrWhiteSpace(rpcServer))
        {
            throw new InvalidOperationException(
                "No RPC server is configured: set the environment variable RPC_SERVER (e.g. RPC_SERVER=http://127.0.0.1:8081) or Restarter:RpcServer.");
        }

        if (!Uri.TryCreate(rpcServer.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"RPC_SERVER must be an absolute http:// or https:// URL, not '{Redact(rpcServer)}'.");
        }

        string? userInfo = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            userInfo = Uri.UnescapeDataString(uri.UserInfo);
        }
        else if (!string.IsNullOrEmpty(credentialsDirectory))
        {
            var path = Path.Combine(credentialsDirectory, credentialName);
            if (File.Exists(path))
            {
                userInfo = File.ReadAllText(path).TrimEnd('\r', '\n');
            }
        }

        var address = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
        AuthenticationHeaderValue? authorization = null;
        if (!string.IsNullOrEmpty(userInfo))
        {
            if (!userInfo.Contains(':', StringComparison.Ordinal))
            {
                userInfo += ":";
            }

            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }

        return new RpcServerEndpoint(uri, address, authorization);
    }

    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? string.Concat(text.AsSpan(0, scheme + 3), "***", text.AsSpan(at)) : text;
    }
}
