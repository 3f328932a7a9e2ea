using Microsoft.AspNetCore.Hosting;

namespace ConformanceHost;

/// <summary>
/// The conformance host: <see cref="ConformanceService"/> on <c>/</c> and <c>/RPC2</c> (or the configured
/// <c>XmlRpc:Paths</c>), Python fault style unless <c>XmlRpc:FaultStyle</c> says otherwise. Listens where
/// <c>ASPNETCORE_URLS</c> or <c>--urls</c> say, else on http://127.0.0.1:8000.
/// </summary>
public static class ConformanceApp
{
    public const string DefaultUrl = "http://127.0.0.1:8000";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // One line per request is too much for benchmarks; Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics brings it back.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddXmlRpc();
        builder.Services.AddSingleton<ConformanceService>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapXmlRpc<ConformanceService>();
        return app;
    }
}
