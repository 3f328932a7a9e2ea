using Restarter.Server.Systemd;

namespace Restarter.Server;

/// <summary>Settings of the restart server, bound from the configuration section <c>Restarter</c>.</summary>
public sealed class RestarterOptions
{
    public const string SectionName = "Restarter";

    /// <summary>The unit restarted for an identifier; <c>{id}</c> is replaced by the four digits. The legacy name by default.</summary>
    public string UnitTemplate { get; set; } = "example@{id}.service";

    /// <summary>The job mode passed to <c>RestartUnit</c>, as the legacy server did.</summary>
    public string JobMode { get; set; } = "replace";

    /// <summary>Which bus systemd is reached on: the system bus in production, the user bus on a developer's desktop.</summary>
    public SystemdBus Bus { get; set; } = SystemdBus.System;

    /// <summary>
    /// A D-Bus address that overrides the bus's usual one (<c>DBUS_SYSTEM_BUS_ADDRESS</c> or
    /// <c>unix:path=/run/dbus/system_bus_socket</c>; <c>DBUS_SESSION_BUS_ADDRESS</c> for the user bus).
    /// </summary>
    public string? BusAddress { get; set; }

    /// <summary>How long one D-Bus call (or connecting) may take. 25 s is libdbus's default, which the legacy server had.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How many D-Bus calls may wait for their replies at once on the shared connection; more wait for a free slot.
    /// dbus-daemon allows 128 per connection on the system bus (<c>max_replies_per_connection</c>).
    /// </summary>
    public int MaxCallsInFlight { get; set; } = 100;

    /// <summary>
    /// Refuse to restart an instance that is not running. <c>RestartUnit</c> STARTS an inactive template instance, so
    /// without this check anyone who reaches the server can start up to 10,000 new processes.
    /// </summary>
    public bool RequireRunningUnit { get; set; } = true;

    /// <summary>The <c>ActiveState</c> values that count as running for <see cref="RequireRunningUnit"/>.</summary>
    /// <remarks>Empty (the default) means <c>active</c>, <c>activating</c>, <c>deactivating</c>, <c>reloading</c>, <c>refreshing</c>: anything but stopped or failed.</remarks>
    public string[] RunningStates { get; set; } = [];

    /// <summary>
    /// Turns HTTP Basic authentication on: the name of a systemd credential (a file in <c>$CREDENTIALS_DIRECTORY</c>, from
    /// <c>LoadCredential=</c>) or a path to a file, holding <c>user:password</c>. Unset: no authentication (a warning at start).
    /// </summary>
    public string? BasicAuthCredential { get; set; }

    /// <summary>
    /// How many restart requests refused before systemd is asked (a bad identifier, a unit that is not running) per client
    /// address and second get an audit record each; beyond, they are counted and one <c>audit-suppressed</c> record per
    /// address and second gives the count. Keeps a flood of bad requests from costing the server its time and the journal
    /// its rate limit, which would also drop the records of real restarts. Every request that reaches systemd is always
    /// recorded. 0: no limit.
    /// </summary>
    public int AuditDeniedPerSecond { get; set; } = 20;

    /// <summary>The longest wait <c>restart_unit_and_wait</c> accepts.</summary>
    public TimeSpan MaxRestartWait { get; set; } = TimeSpan.FromMinutes(5);
}
