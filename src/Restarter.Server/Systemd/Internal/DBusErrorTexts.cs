using System.Net.Sockets;
using Tmds.DBus.Protocol;

namespace Restarter.Server.Systemd.Internal;

/// <summary>
/// Renders D-Bus failures exactly as python-dbus (libdbus) prints them, <c>&lt;error name&gt;: &lt;error message&gt;</c>:
/// the legacy server put that text in its answers, so clients may match on it.
/// </summary>
internal static class DBusErrorTexts
{
    public const string NoSuchUnit = "org.freedesktop.systemd1.NoSuchUnit";
    public const string AlreadySubscribed = "org.freedesktop.systemd1.AlreadySubscribed";

    private const string ErrorPrefix = "org.freedesktop.DBus.Error.";

    public static SystemdCallException FromErrorReply(DBusErrorReplyException e) => new(e.ErrorName, e.ErrorMessage, e);

    /// <summary>libdbus's text when a reply does not come within the timeout.</summary>
    public static SystemdCallException NoReply(Exception? inner = null) => new(
        ErrorPrefix + "NoReply",
        "Did not receive a reply. Possible causes include: the remote application did not send a reply, the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken.",
        inner);

    /// <summary>libdbus's text when the connection to the bus closes while a call waits for its reply.</summary>
    public static SystemdCallException Disconnected(Exception? inner = null) =>
        new(ErrorPrefix + "Disconnected", "Connection was disconnected before a reply was received", inner);

    /// <summary>What libdbus says when there is no session bus address and no X11 display to autolaunch one.</summary>
    public static SystemdCallException NoSessionBus() =>
        new(ErrorPrefix + "NotSupported", "Unable to autolaunch a dbus-daemon without a $DISPLAY for X11");

    public static SystemdCallException BadAddress(string message) => new(ErrorPrefix + "BadAddress", message);

    /// <summary>Connecting to <paramref name="endpoint"/> failed: the text libdbus builds from the socket error.</summary>
    public static SystemdCallException ConnectFailed(BusEndpoint endpoint, Exception e)
    {
        var socketError = FindSocketException(e);
        if (socketError is null)
        {
            return new(ErrorPrefix + "Failed", $"Failed to connect to socket {endpoint.Describe()}: {e.Message}", e);
        }

        // .NET reports a missing unix socket path (ENOENT) as EADDRNOTAVAIL; libdbus names the errno it got.
        var (name, text) = socketError.SocketErrorCode switch
        {
            SocketError.AddressNotAvailable when endpoint.IsUnix => ("FileNotFound", "No such file or directory"),
            SocketError.ConnectionRefused => ("NoServer", "Connection refused"),
            SocketError.AccessDenied => ("AccessDenied", "Permission denied"),
            SocketError.TimedOut => ("Timeout", "Connection timed out"),
            SocketError.NetworkUnreachable => ("NoNetwork", "Network is unreachable"),
            SocketError.AddressAlreadyInUse => ("AddressInUse", "Address already in use"),
            SocketError.TooManyOpenSockets => ("LimitsExceeded", "Too many open files"),
            SocketError.NoBufferSpaceAvailable => ("NoMemory", "No buffer space available"),
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData when !endpoint.IsUnix =>
                ("Failed", null),
            _ => ("Failed", socketError.Message),
        };
        if (text is null)
        {
            return new(ErrorPrefix + name, $"Failed to lookup host/port: \"{endpoint.Host}:{endpoint.Port}\": Name or service not known (-2)", e);
        }

        return new(ErrorPrefix + name, $"Failed to connect to socket {endpoint.Describe()}: {text}", e);
    }

    private static SocketException? FindSocketException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException socketException)
            {
                return socketException;
            }
        }

        return null;
    }
}
