using System.Collections.Concurrent;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>What the stand-in systemd was asked to restart, in order.</summary>
public sealed class RestartRecorder
{
    public ConcurrentQueue<string> Restarts { get; } = new();
}
