namespace Restarter.Server.Systemd;

/// <summary>What systemd says about one unit, read without loading or starting anything.</summary>
/// <param name="Since">When the unit last changed state (<c>StateChangeTimestamp</c>); null when systemd does not know.</param>
public sealed record UnitState(
    string Unit,
    string LoadState,
    string ActiveState,
    string SubState,
    uint MainPid,
    DateTimeOffset? Since)
{
    /// <summary>What systemd reports for a unit it has not loaded (as <c>systemctl show</c> does).</summary>
    public static UnitState NotLoaded(string unit) => new(unit, "not-found", "inactive", "dead", 0, null);
}
