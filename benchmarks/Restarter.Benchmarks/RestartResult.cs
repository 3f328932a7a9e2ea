using Restarter.XmlRpc;

namespace Restarter.Benchmarks;

/// <summary>The seed's <c>Result</c> dataclass: success, then message.</summary>
public sealed record RestartResult(
    [property: XmlRpcMember("success")] bool Success,
    [property: XmlRpcMember("message")] string Message);
