using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration.Memory;

namespace ConformanceHost;

/// <summary>
/// The conformance host: <see cref="ConformanceService"/> on <c>/</c> and <c>/RPC2</c> (or the configured
/// <c>XmlRpc:Paths</c>), Python fault style unless <c>XmlRpc:FaultStyle</c> says otherwise. Listens where
/// <c>ASPNETCORE_URLS</c> or <c>--urls</c> say, else on http://127.0.0.1:8000. GET on those paths serves the page
/// that documents the methods (<c>XmlRpc:EnableDocumentationPage=false</c> turns it off).
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
        // The library keeps GET at Python's 501 for drop-in servers; the conformance host documents its methods on GET.
        // Inserted first, so XmlRpc:EnableDocumentationPage from any other source still wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("XmlRpc:EnableDocumentationPage", "true")],
        });
        builder.Services.AddXmlRpc();
        builder.Services.AddSingleton<ConformanceService>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapXmlRpc<ConformanceService>();
        return app;
    }
}
