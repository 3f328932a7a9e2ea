using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Restarter.Server.Auditing;
using Restarter.Server.Authentication;
using Restarter.Server.Hosting.Internal;
using Restarter.Server.Logging.Internal;
using Restarter.Server.Rpc;
using Restarter.Server.Rpc.Internal;

namespace Restarter.Server.Hosting;

/// <summary>Puts the server together: listening (systemd socket or URLs), Kestrel limits, authentication, logging, the XML-RPC endpoint.</summary>
public static class RestarterServerHostingExtensions
{
    /// <summary>Registers everything the server needs.</summary>
    /// <exception cref="ServerStartupException">There is nowhere to listen, or the configured credential cannot be read.</exception>
    public static WebApplicationBuilder AddRestarterServer(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        // Defaults below every other source, so appsettings, environment and command line still override them.
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

                // Its only lines are per request (Information, Debug). While it is enabled at any level, ASP.NET Core
                // creates an Activity and a log scope for every request: 3-4% of the server's time under load.
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
            },
        });

        var sockets = ListenSource.SystemdSocketCount();
        if (sockets == 0 && ListenSource.ConfiguredAddresses(configuration) is null)
        {
            throw new ServerStartupException(
                "nowhere to listen: no socket from systemd (LISTEN_FDS/LISTEN_PID) and no URL configured; start it from restarter-server.socket, or pass --urls http://127.0.0.1:8081 (or set ASPNETCORE_URLS)");
        }

        // Type=notify readiness (READY=1, STOPPING=1) and SIGTERM handling when systemd started us; no-op otherwise.
        services.AddSystemd();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, PerClientConnectionLimitSetup>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseSystemd());
        services.AddOptions<KestrelLimitsOptions>().Bind(configuration.GetSection(KestrelLimitsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KestrelLimitsOptions>, KestrelLimitsValidator>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();

        // In-flight calls get this long to finish after SIGTERM; below the unit's TimeoutStopSec=15.
        if (configuration["shutdownTimeoutSeconds"] is null)
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        }

        services.AddSingleton<IPostConfigureOptions<ConsoleLoggerOptions>>(new ConsoleFormatterSetup(configuration, SystemdHelpers.IsSystemdService()));
        builder.Logging.AddBatchedConsole();
        services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });

        var section = configuration.GetSection(RestarterOptions.SectionName);
        services.AddRestarter(section);
        services.AddHttpContextAccessor();
        services.AddSingleton<RestartAudit>();
        services.AddScoped<RestarterService>();
        services.AddSingleton<ServiceFaults>();
        services.AddXmlRpc();

        if (section[nameof(RestarterOptions.BasicAuthCredential)] is { } setting && !string.IsNullOrWhiteSpace(setting))
        {
            BasicCredential credential;
            try
            {
                credential = BasicCredentialFile.Load(setting, Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY"));
            }
            catch (InvalidOperationException e)
            {
                throw new ServerStartupException(e.Message, e);
            }

            services.AddSingleton(credential);
            services.AddAuthentication(BasicAuthenticationDefaults.Scheme)
                .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationDefaults.Scheme, configureOptions: null);
            services.AddAuthorization();
        }

        return builder;
    }

    /// <summary>Maps the XML-RPC endpoint (every path of <c>XmlRpc:Paths</c>), behind authentication when a credential is configured.</summary>
    public static WebApplication MapRestarterServer(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Restarter.Server");
        var sockets = ListenSource.SystemdSocketCount();
        if (sockets > 0)
        {
            StartupLog.SocketActivated(logger, sockets);
        }
        else
        {
            StartupLog.ListeningOnUrls(logger, ListenSource.ConfiguredAddresses(app.Configuration) ?? "");
        }

        if (!app.Services.GetRequiredService<IOptions<RestarterOptions>>().Value.RequireRunningUnit)
        {
            StartupLog.RunningCheckOff(logger);
        }

        var endpoint = app.MapXmlRpc<RestarterService>();
        if (app.Services.GetService<BasicCredential>() is { } credential)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            endpoint.RequireAuthorization();
            StartupLog.AuthenticationOn(logger, credential.User);
        }
        else
        {
            StartupLog.AuthenticationOff(logger);
        }

        return app;
    }
}
