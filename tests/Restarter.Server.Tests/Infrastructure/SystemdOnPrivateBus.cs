using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Restarter.Server.Restarting;
using Restarter.Server.Systemd;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>A private bus, the stand-in systemd on it, and our client pointed at it: what most tests start from.</summary>
public sealed class SystemdOnPrivateBus : IAsyncDisposable
{
    private SystemdOnPrivateBus(PrivateBus bus, FakeSystemd systemd, RestarterOptions options)
    {
        Bus = bus;
        Systemd = systemd;
        Options = options;
        Client = new SystemdClient(Microsoft.Extensions.Options.Options.Create(options), NullLogger<SystemdClient>.Instance);
        Restarter = new UnitRestarter(Client, Microsoft.Extensions.Options.Options.Create(options));
    }

    public PrivateBus Bus { get; }

    public FakeSystemd Systemd { get; private set; }

    public RestarterOptions Options { get; }

    public SystemdClient Client { get; }

    public UnitRestarter Restarter { get; }

    public static async Task<SystemdOnPrivateBus> StartAsync(Action<RestarterOptions>? configure = null)
    {
        var bus = await PrivateBus.StartAsync();
        var systemd = await FakeSystemd.StartAsync(bus.Address);
        var options = new RestarterOptions { BusAddress = bus.Address, CallTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        return new SystemdOnPrivateBus(bus, systemd, options);
    }

    /// <summary>Kills the bus, starts a new one at the same address and a new stand-in on it, with the same units.</summary>
    public async Task RestartBusAsync()
    {
        await Bus.KillAsync();
        await RestartBusAfterKillAsync();
    }

    public async Task RestartBusAfterKillAsync()
    {
        var units = Systemd.Units.Values.ToList();
        Systemd.Dispose();
        await Bus.RestartAsync();
        Systemd = await FakeSystemd.StartAsync(Bus.Address);
        foreach (var unit in units)
        {
            Systemd.Units[unit.Name] = unit;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Systemd.Dispose();
        await Bus.DisposeAsync();
    }
}
