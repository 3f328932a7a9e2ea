using Microsoft.Extensions.Logging;

namespace Restarter.Server.Systemd;

public sealed partial class SystemdClient
{
    [LoggerMessage(10, LogLevel.Warning, "D-Bus call on {BusAddress} failed: {DBusError}")]
    private partial void LogCallFailed(string busAddress, string dBusError);
}
