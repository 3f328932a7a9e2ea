using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Restarter.Web.Internal;
using Restarter.Web.Responses;
using Restarter.Web.Rpc;
using Restarter.Web.Users;

namespace Restarter.Web;

/// <summary>
/// Wires the web front end. Nothing here reads configuration before the host is built, so every setting (users file,
/// RPC server, timeouts) can come from any configuration source, tests included.
/// </summary>
public static class RestarterWebHost
{
    public const string LegacyRpcServerVariable = "RPC_SERVER";

    public static WebApplicationBuilder AddRestarterWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Type=notify and journal-friendly logs under systemd; sockets passed by a .socket unit (LISTEN_FDS).
        services.AddSystemd();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseSystemd());

        services.AddOptions<RestarterWebOptions>()
            .Bind(builder.Configuration.GetSection(RestarterWebOptions.SectionName))
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.RpcServer))
                {
                    options.RpcServer = configuration[LegacyRpcServerVariable];
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.RpcServer),
                "No RPC server is configured: set the environment variable RPC_SERVER (e.g. RPC_SERVER=http://127.0.0.1:8081) or Restarter__RpcServer.")
            .Validate(o => string.IsNullOrWhiteSpace(o.RpcServer) || Uri.TryCreate(o.RpcServer, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                "RPC_SERVER must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8081.")
            .Validate(o => o.RpcTimeout > TimeSpan.Zero && o.RestartWaitSeconds is > 0 and <= 3600,
                "Restarter:RpcTimeout must be positive and Restarter:RestartWaitSeconds between 1 and 3600.")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RestarterWebOptions>>().Value;
            var credentialsDirectory = sp.GetRequiredService<IConfiguration>()["CREDENTIALS_DIRECTORY"];
            return RpcServerEndpoint.Resolve(options.RpcServer, credentialsDirectory, options.RpcCredentialName);
        });

        // The deadline is per call (XmlRpcRestarterRpc), so restart_unit_and_wait can wait longer than a quick call.
        services.AddHttpClient<IRestarterRpc, XmlRpcRestarterRpc>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectTimeout = sp.GetRequiredService<IOptions<RestarterWebOptions>>().Value.RpcTimeout,
                UseCookies = false,
                AllowAutoRedirect = false,

                // The legacy Python server answers in HTTP/1.0 and closes each connection, yet SocketsHttpHandler pools
                // it; concurrent calls then land on closed connections ("The response ended prematurely": even with the
                // client's one retry, up to 4 of 16 concurrent restarts failed, measured by LegacyPythonServerTests).
                // A connection per call costs little next to a restart.
                PooledConnectionLifetime = TimeSpan.Zero,
            });

        services.AddSingleton<UserDirectory>();
        services.AddSingleton<RestartAccess>();

        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<RestarterWebOptions>, ILoggerFactory>((keys, options, loggers) =>
        {
            if (!string.IsNullOrWhiteSpace(options.Value.DataProtectionKeysDirectory))
            {
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(options.Value.DataProtectionKeysDirectory), loggers);
            }
        });

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "restarter.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => context.Request.WantsHtml()
                ? Redirect(context)
                : ErrorResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "login required");
            cookie.Events.OnRedirectToAccessDenied = context => ErrorResponses.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "not allowed");
            cookie.Events.OnValidatePrincipal = context =>
            {
                // A user removed from the users file is signed out at their next request.
                var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
                if (context.Principal?.Identity?.Name is not { } name || users.Find(name) is null)
                {
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        });

        services.AddSingleton<IAuthorizationHandler, LoginRequirementHandler>();
        services.AddAuthorization(authorization =>
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new LoginRequirement()).Build());

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "restarter.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });

        // The framework's automatic validation cannot depend on a runtime setting: switch it off on every page (a
        // convention, so it is the closest antiforgery policy) and validate in LoginAntiforgeryFilter instead.
        services.AddRazorPages(pages => pages.Conventions.ConfigureFilter(new IgnoreAntiforgeryTokenAttribute()))
            .AddMvcOptions(mvc => mvc.Filters.Add<LoginAntiforgeryFilter>());

        return builder;
    }

    public static WebApplication UseRestarterWeb(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorResponses.ExceptionAsync });
        app.UseStatusCodePages(ErrorResponses.StatusCodePageAsync);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
