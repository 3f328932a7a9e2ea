using ConformanceHost;

namespace Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

/// <summary>The real conformance host (interop/ConformanceHost) on a free loopback port, once per test class.</summary>
public sealed class ConformanceHostFixture : IAsyncLifetime
{
    public KestrelApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await KestrelApp.StartAsync(ConformanceApp.Create(["--urls", "http://127.0.0.1:0"]));

    public async Task DisposeAsync() => await App.DisposeAsync();
}
