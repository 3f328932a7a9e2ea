using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Restarter.Web.Internal;

/// <summary>
/// Antiforgery on every unsafe request when login is on (the cookie is what a forged post would ride on). With login
/// off there is no cookie to ride on, and scripts that did <c>curl -d service_id=1234 .../restart</c> against the legacy
/// form (which had no token) must keep working, so no token is required. Replaces the framework's automatic
/// validation, which cannot depend on a runtime setting.
/// </summary>
internal sealed class LoginAntiforgeryFilter(IAntiforgery antiforgery, IOptions<RestarterWebOptions> options) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (!options.Value.LoginEnabled || HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }
}
