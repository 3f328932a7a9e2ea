namespace Restarter.Server.Hosting.Internal;

internal static partial class StartupLog
{
    [LoggerMessage(1, LogLevel.Information, "Listening on {Count} socket(s) passed by systemd (socket activation)")]
    public static partial void SocketActivated(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Information, "Listening on {Addresses} (no socket from systemd)")]
    public static partial void ListeningOnUrls(ILogger logger, string addresses);

    [LoggerMessage(3, LogLevel.Information, "HTTP Basic authentication is on for user {User}")]
    public static partial void AuthenticationOn(ILogger logger, string user);

    [LoggerMessage(4, LogLevel.Warning, "HTTP Basic authentication is off (Restarter:BasicAuthCredential is not set): anyone who can reach the server can call restart_unit")]
    public static partial void AuthenticationOff(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "Restarter:RequireRunningUnit is off: restart_unit STARTS instances that are not running, as the legacy server did")]
    public static partial void RunningCheckOff(ILogger logger);
}
