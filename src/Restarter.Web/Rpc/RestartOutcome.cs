namespace Restarter.Web.Rpc;

/// <summary>
/// The answer of <c>restart_unit_and_wait</c>. <see cref="Result"/> is systemd's JobRemoved word (done, failed,
/// timeout, canceled, dependency, skipped), <c>wait-timeout</c> when the server stopped waiting, or empty.
/// </summary>
public sealed record RestartOutcome(bool Success, string Message, string Job, string Result);
