namespace Restarter.Server.Tests.Infrastructure;

/// <summary>A unit the stand-in systemd has loaded.</summary>
public sealed class FakeUnit(string name)
{
    public string Name { get; } = name;

    public string LoadState { get; set; } = "loaded";

    public string ActiveState { get; set; } = "active";

    public string SubState { get; set; } = "running";

    public uint MainPid { get; set; } = 4242;

    /// <summary>Microseconds since the epoch, as systemd's <c>StateChangeTimestamp</c>.</summary>
    public ulong StateChangeTimestamp { get; set; } = 1_700_000_000_123_456;
}
