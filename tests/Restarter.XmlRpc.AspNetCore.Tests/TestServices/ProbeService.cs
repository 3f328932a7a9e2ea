namespace Restarter.XmlRpc.AspNetCore.Tests.TestServices;

/// <summary>Records what was dispatched, so tests can prove that a refused request dispatched nothing.</summary>
[XmlRpcService(PythonClassName = "Probe")]
public sealed partial class ProbeService(CallRecorder recorder)
{
    [XmlRpcMethod("record")]
    public int Record(string entry)
    {
        recorder.Calls.Enqueue(entry);
        return recorder.Calls.Count;
    }

    [XmlRpcMethod("text")]
    public string Text(int length) => new('z', length);

    [XmlRpcMethod("hang")]
    public async Task<int> Hang(CancellationToken cancellationToken)
    {
        recorder.HangStarted.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            recorder.HangCancelled.TrySetResult();
            throw;
        }

        return 0;
    }

    [XmlRpcMethod("unwritable")]
    public string Unwritable() => "a NUL \0 cannot be sent in XML 1.0";
}
