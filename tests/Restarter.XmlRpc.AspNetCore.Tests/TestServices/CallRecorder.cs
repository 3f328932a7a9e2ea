using System.Collections.Concurrent;

namespace Restarter.XmlRpc.AspNetCore.Tests.TestServices;

/// <summary>A singleton the test services report to.</summary>
public sealed class CallRecorder
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public TaskCompletionSource HangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource HangCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Created;

    public int Disposed;
}
