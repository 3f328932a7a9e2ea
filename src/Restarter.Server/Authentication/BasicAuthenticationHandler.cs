using System.Buffers;
using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Restarter.Server.Authentication;

/// <summary>
/// HTTP Basic against the one configured <see cref="BasicCredential"/>. No header: no result (the endpoint's
/// authorization then challenges); a wrong or malformed header: failure. Either way the client gets 401 with
/// <c>WWW-Authenticate: Basic realm="Restarter"</c>, which is what makes Python's <c>ServerProxy('http://user:secret@host')</c> work.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BasicCredential credential)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxHeaderChars = 1024;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        const string prefix = "Basic ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length > MaxHeaderChars)
        {
            return Task.FromResult(AuthenticateResult.Fail("not a Basic authorization header"));
        }

        var encoded = header.AsSpan(prefix.Length).Trim();
        var decoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, decoded, out var length))
            {
                return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
            }

            if (!credential.Matches(decoded.AsSpan(0, length)))
            {
                return Task.FromResult(AuthenticateResult.Fail("wrong user or password"));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded, clearArray: true);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, credential.User)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = BasicAuthenticationDefaults.Challenge;
        return Task.CompletedTask;
    }
}
