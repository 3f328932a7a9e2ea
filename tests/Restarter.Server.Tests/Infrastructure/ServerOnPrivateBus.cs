namespace Restarter.Server.Tests.Infrastructure;

/// <summary>
/// The whole server as a process, on real Kestrel on loopback, talking to the stand-in systemd on a private dbus-daemon.
/// Shared by the tests of a class (a process start costs about a second); <see cref="Reset"/> gives each test a clean systemd.
/// </summary>
public class ServerOnPrivateBus : IAsyncLifetime
{
    public SystemdOnPrivateBus Env { get; private set; } = null!;

    public ServerProcess Server { get; private set; } = null!;

    public FakeSystemd Systemd => Env.Systemd;

    public string Url => Server.BaseAddress!.ToString();

    /// <summary>Extra command-line configuration of the server.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    protected virtual IDictionary<string, string> Environment => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Env = await SystemdOnPrivateBus.StartAsync();
        Server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + Env.Bus.Address, .. Arguments], Environment);
    }

    public void Reset()
    {
        Systemd.Units.Clear();
        Systemd.Calls.Clear();
        Systemd.Fail = _ => null;
        Systemd.ReplyDelay = _ => TimeSpan.Zero;
        Systemd.JobResult = _ => "done";
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Env.DisposeAsync();
    }
}
