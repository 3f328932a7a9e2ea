namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>A server process of its own for one test (it will be killed, or its bus will), with extra configuration.</summary>
public sealed class FaultServer(params string[] arguments) : RobustServer
{
    protected override IEnumerable<string> Arguments => arguments;

    public static async Task<FaultServer> StartAsync(params string[] arguments)
    {
        var server = new FaultServer(arguments);
        await server.InitializeAsync();
        await server.PrepareAsync();
        return server;
    }
}
