namespace Restarter.Server.Tests.Infrastructure;

/// <summary>One method call the stand-in systemd received.</summary>
public sealed record RecordedCall(string Sender, string Path, string Interface, string Member, IReadOnlyList<string> Arguments)
{
    public string? FirstArgument => Arguments.Count > 0 ? Arguments[0] : null;
}
