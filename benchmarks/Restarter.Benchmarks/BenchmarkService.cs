using Restarter.XmlRpc;

namespace Restarter.Benchmarks;

/// <summary>
/// The two methods the workloads call, shaped like the server's: <c>restart_unit</c> validates the id as the legacy
/// server does and answers the seed's dataclass (the stand-in answers a valid id with success instead of calling
/// systemd, so the codec is measured, not D-Bus); <c>echo</c> returns its argument.
/// </summary>
[XmlRpcService(PythonClassName = "Service")]
public sealed partial class BenchmarkService
{
    [XmlRpcMethod("restart_unit")]
    public RestartResult RestartUnit(string identifier) =>
        identifier.Length == 4 && identifier.All(char.IsAsciiDigit)
            ? new RestartResult(true, "success")
            : new RestartResult(false, "invalid identifier");

    [XmlRpcMethod("echo")]
    public XmlRpcValue Echo(XmlRpcValue value) => value;
}
