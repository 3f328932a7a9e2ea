using Restarter.XmlRpc;

namespace Restarter.Server.Rpc;

/// <summary>The answer of <c>restart_unit</c>: the legacy Python dataclass <c>Result(success, message)</c>, members in that order.</summary>
public sealed record RestartUnitAnswer(
    [XmlRpcMember("success")] bool Success,
    [XmlRpcMember("message")] string Message);
