using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Restarter.Web.Internal;

/// <summary>The fallback policy of every page: a signed-in user when a users file is configured, nothing otherwise.</summary>
internal sealed class LoginRequirement : IAuthorizationRequirement;

internal sealed class LoginRequirementHandler(IOptions<RestarterWebOptions> options) : AuthorizationHandler<LoginRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LoginRequirement requirement)
    {
        if (!options.Value.LoginEnabled || context.User.Identity is { IsAuthenticated: true })
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
