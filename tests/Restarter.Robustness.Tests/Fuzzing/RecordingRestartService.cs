using Restarter.Server.Restarting;
using Restarter.XmlRpc;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>
/// <c>restart_unit</c> as the server defines it (the server's own <see cref="UnitIdentifier"/> rules decide), with the
/// D-Bus call replaced by a record; and <c>echo</c>, so that mutated values travel back through the writer.
/// </summary>
[XmlRpcService(PythonClassName = "Service")]
public sealed partial class RecordingRestartService(RestartRecorder recorder)
{
    [XmlRpcMethod("restart_unit")]
    public RestartAnswer RestartUnit(XmlRpcValue identifier)
    {
        var text = UnitIdentifier.TextOf(identifier);
        if (!UnitIdentifier.IsValid(text))
        {
            return new(false, UnitIdentifier.InvalidMessage);
        }

        recorder.Restarts.Enqueue(text);
        return new(true, RestartOutcome.SuccessMessage);
    }

    [XmlRpcMethod("echo")]
    public XmlRpcValue Echo(XmlRpcValue value) => value;
}

/// <summary>The legacy answer, <c>{success, message}</c>.</summary>
public sealed record RestartAnswer(bool success, string message);

/// <summary>Resolves the stand-in service for the dispatcher.</summary>
public sealed class RecordingServices(RestartRecorder recorder) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(RecordingRestartService) ? new RecordingRestartService(recorder) : null;
}
