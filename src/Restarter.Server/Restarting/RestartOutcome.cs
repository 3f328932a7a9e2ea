namespace Restarter.Server.Restarting;

/// <summary>What one restart request came to: the legacy pair (success, message) plus what the audit and the waiting variant need.</summary>
/// <param name="Unit">The unit asked for, or null when the identifier was invalid.</param>
/// <param name="JobPath">The job systemd queued, or empty when nothing was queued.</param>
/// <param name="Result">systemd's job result (<c>done</c>, <c>failed</c>...), <c>wait-timeout</c>, or empty when not waited for.</param>
/// <param name="Status">How it ended, for the audit record.</param>
public sealed record RestartOutcome(bool Success, string Message, string? Unit, string JobPath, string Result, RestartStatus Status)
{
    /// <summary>The legacy server's answer when a restart was queued, kept byte for byte.</summary>
    public const string SuccessMessage = "success";

    public static RestartOutcome InvalidIdentifier { get; } = new(false, UnitIdentifier.InvalidMessage, null, "", "", RestartStatus.InvalidIdentifier);

    /// <summary>The client went away while we waited; a restart may or may not have been queued.</summary>
    public static RestartOutcome ClientGone { get; } = new(false, "the client went away before the answer", null, "", "", RestartStatus.ClientGone);
}
