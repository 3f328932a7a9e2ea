using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Restarter.Web.Users;

/// <summary>
/// Who may restart what. Without a users file, anyone who reaches the page may restart any id (as in the legacy app);
/// with one, a signed-in user may restart exactly the ids the users file lists for them, read afresh on every request.
/// </summary>
public sealed class RestartAccess(IOptions<RestarterWebOptions> options, UserDirectory users)
{
    public bool LoginEnabled => options.Value.LoginEnabled;

    /// <summary>Null when any id may be restarted (login off); otherwise the ids this user may restart.</summary>
    public IReadOnlyList<string>? AllowedIds(ClaimsPrincipal principal)
    {
        if (!LoginEnabled)
        {
            return null;
        }

        var name = principal.Identity is { IsAuthenticated: true } identity ? identity.Name : null;
        return name is not null && users.Find(name) is { } user ? user.Ids : [];
    }

    public bool MayRestart(ClaimsPrincipal principal, string identifier) =>
        AllowedIds(principal) is not { } allowed || allowed.Contains(identifier, StringComparer.Ordinal);
}
