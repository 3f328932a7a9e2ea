using ConformanceHost;

namespace Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

/// <summary>The real conformance host (interop/ConformanceHost) on a free loopback port, once per test class.</summary>
public class ConformanceHostFixture : IAsyncLifetime
{
    public KestrelApp App { get; private set; } = null!;

    protected virtual string[] Args => ["--urls", "http://127.0.0.1:0"];

    public async Task InitializeAsync() => App = await KestrelApp.StartAsync(ConformanceApp.Create(Args));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The conformance host configured as SimpleXMLRPCServer behaves: no documentation page, GET is a 501.</summary>
public sealed class ConformanceHostWithoutDocumentationFixture : ConformanceHostFixture
{
    protected override string[] Args => [.. base.Args, "--XmlRpc:EnableDocumentationPage=false"];
}
