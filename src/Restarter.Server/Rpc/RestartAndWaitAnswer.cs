using Restarter.XmlRpc;

namespace Restarter.Server.Rpc;

/// <summary>The answer of <c>restart_unit_and_wait</c>: the legacy pair, then the job path and systemd's job result.</summary>
/// <param name="Job">The job's object path, empty when nothing was queued.</param>
/// <param name="Result"><c>done</c>, <c>failed</c>, <c>timeout</c>, <c>canceled</c>... as systemd reports it, <c>wait-timeout</c>, or empty.</param>
public sealed record RestartAndWaitAnswer(
    [XmlRpcMember("success")] bool Success,
    [XmlRpcMember("message")] string Message,
    [XmlRpcMember("job")] string Job,
    [XmlRpcMember("result")] string Result);
