using Microsoft.Extensions.Logging;

namespace Restarter.Server.Systemd.Internal;

internal sealed partial class SharedBusConnection
{
    [LoggerMessage(1, LogLevel.Information, "Connected to the D-Bus bus at {BusAddress} as {UniqueName}")]
    private partial void LogConnected(string busAddress, string? uniqueName);

    [LoggerMessage(2, LogLevel.Warning, "The D-Bus connection to {BusAddress} closed ({Reason}); the next call reconnects")]
    private partial void LogDisconnected(string busAddress, string? reason);

    [LoggerMessage(3, LogLevel.Warning, "Cannot connect to the D-Bus bus at {BusAddress}: {DBusError}")]
    private partial void LogConnectFailed(string busAddress, string dBusError);
}
