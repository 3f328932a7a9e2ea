namespace Restarter.Server.Restarting;

/// <summary>How a restart request ended, for the audit record; the wire answer stays the legacy (success, message).</summary>
public enum RestartStatus
{
    /// <summary>The identifier was refused; nothing was asked of systemd.</summary>
    InvalidIdentifier,

    /// <summary>The instance is not running and <see cref="RestarterOptions.RequireRunningUnit"/> refused to start it.</summary>
    NotRunning,

    /// <summary>systemd accepted the restart job (not waited for).</summary>
    Queued,

    /// <summary>systemd finished the job with result <c>done</c>.</summary>
    Done,

    /// <summary>The job ended with another result, or the wait ran out first.</summary>
    JobFailed,

    /// <summary>A D-Bus call failed (refused by polkit, no bus, timeout...).</summary>
    BusError,

    /// <summary>The client disconnected while the server waited for the job's result.</summary>
    ClientGone,
}
