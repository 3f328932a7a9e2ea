using Restarter.Web.Rpc;

namespace Restarter.Web.Pages;

public sealed partial class RestartModel
{
    [LoggerMessage(1, LogLevel.Information, "Restart of {ServiceId} by {User}: success={Success} message={Message}")]
    private partial void LogRestart(string user, string serviceId, bool success, string message);

    [LoggerMessage(2, LogLevel.Information, "Restart of {ServiceId} by {User} rejected: {Reason}")]
    private partial void LogRejected(string user, string serviceId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Restart of {ServiceId} by {User} failed: {Failure}: {Message}")]
    private partial void LogRpcFailed(string user, string serviceId, RpcFailure failure, string message);
}
