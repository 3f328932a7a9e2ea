using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>
/// The real server process on a fixed loopback port, against the stand-in systemd on a private dbus-daemon, that a test
/// can SIGKILL and start again on the same port (as <c>Restart=on-failure</c> does). The stand-in systemd and the bus
/// outlive the server, so they see every call of every generation; the output of every generation is kept.
/// </summary>
public sealed class KillableServer : IAsyncDisposable
{
    private readonly List<ServerProcess> _generations = [];
    private readonly string[] _arguments;

    private KillableServer(SystemdOnPrivateBus env, int port, string[] arguments)
    {
        Env = env;
        Port = port;
        _arguments = arguments;
    }

    public SystemdOnPrivateBus Env { get; }

    public FakeSystemd Systemd => Env.Systemd;

    public int Port { get; }

    /// <summary>As the legacy <c>RPC_SERVER</c> names it: no path (the client posts to <c>/RPC2</c>).</summary>
    public Uri Url => new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}"));

    public ServerProcess Current => _generations[^1];

    /// <summary>Every line every generation printed, oldest generation first.</summary>
    public IEnumerable<string> Lines => _generations.SelectMany(g => g.Lines);

    public static async Task<KillableServer> StartAsync(params string[] arguments)
    {
        var env = await SystemdOnPrivateBus.StartAsync();
        var server = new KillableServer(env, ServerProcess.FreePort(), arguments);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>SIGKILLs the current generation and waits until it is gone (its port is closed).</summary>
    public Task KillAsync() => Current.KillAsync();

    /// <summary>Starts a new generation on the same port and waits until it listens.</summary>
    public async Task StartAgainAsync() =>
        _generations.Add(await ServerProcess.StartAsync(["--Restarter:BusAddress=" + Env.Bus.Address, .. _arguments], port: Port));

    public async ValueTask DisposeAsync()
    {
        foreach (var generation in _generations)
        {
            await generation.DisposeAsync();
        }

        await Env.DisposeAsync();
    }
}
