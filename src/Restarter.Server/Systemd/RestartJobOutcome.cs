namespace Restarter.Server.Systemd;

/// <summary>The end of a restart job: its object path and systemd's <c>JobRemoved</c> result, or what stopped the wait.</summary>
/// <param name="Result">
/// <c>done</c>, <c>failed</c>, <c>timeout</c>, <c>canceled</c>, <c>dependency</c>, <c>skipped</c>... as systemd reports it,
/// or <see cref="WaitTimeout"/> when we stopped waiting first.
/// </param>
/// <param name="Error">Why the wait ended without a result (python-dbus-shaped), or null.</param>
public sealed record RestartJobOutcome(string JobPath, string Result, string? Error = null)
{
    public const string Done = "done";
    public const string WaitTimeout = "wait-timeout";
}
