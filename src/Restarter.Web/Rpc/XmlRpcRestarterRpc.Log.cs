namespace Restarter.Web.Rpc;

internal sealed partial class XmlRpcRestarterRpc
{
    [LoggerMessage(1, LogLevel.Warning, "RPC {Method} timed out after {TimeoutSeconds} s")]
    private partial void LogTimedOut(string method, double timeoutSeconds);

    [LoggerMessage(2, LogLevel.Warning, "RPC {Method} answered with fault {FaultCode}: {FaultString}")]
    private partial void LogFault(string method, int faultCode, string faultString);

    [LoggerMessage(3, LogLevel.Warning, "RPC {Method} refused with HTTP status {StatusCode}")]
    private partial void LogRefused(string method, int statusCode);

    [LoggerMessage(4, LogLevel.Warning, "RPC {Method}: server unreachable: {Reason}")]
    private partial void LogUnreachable(string method, string reason);

    [LoggerMessage(5, LogLevel.Warning, "RPC {Method}: malformed answer: {Reason}")]
    private partial void LogMalformed(string method, string reason);

    [LoggerMessage(6, LogLevel.Warning, "RPC {Method}: the connection broke before the answer, the call may have taken effect: {Reason}")]
    private partial void LogInterrupted(string method, string reason);
}
