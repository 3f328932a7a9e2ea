namespace Restarter.XmlRpc.AspNetCore.Tests.TestServices;

/// <summary>Not registered in DI: the endpoint creates it per request from its constructor's dependencies, and disposes it.</summary>
[XmlRpcService]
public sealed partial class UnregisteredService : IDisposable
{
    private readonly CallRecorder _recorder;

    public UnregisteredService(CallRecorder recorder)
    {
        _recorder = recorder;
        Interlocked.Increment(ref recorder.Created);
    }

    [XmlRpcMethod("hello")]
    public string Hello(string name) => "hello " + name;

    public void Dispose() => Interlocked.Increment(ref _recorder.Disposed);
}
