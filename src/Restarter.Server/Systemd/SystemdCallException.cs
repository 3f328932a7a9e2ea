namespace Restarter.Server.Systemd;

/// <summary>
/// A call to systemd failed. <see cref="Exception.Message"/> is exactly what python-dbus prints for the same failure,
/// <c>&lt;error name&gt;: &lt;error message&gt;</c>, because the legacy server returned that text to its clients.
/// </summary>
public sealed class SystemdCallException : Exception
{
    public SystemdCallException(string errorName, string errorMessage, Exception? innerException = null)
        : base($"{errorName}: {errorMessage}", innerException)
    {
        ErrorName = errorName;
        ErrorMessage = errorMessage;
    }

    public SystemdCallException()
        : this("org.freedesktop.DBus.Error.Failed", "D-Bus call failed")
    {
    }

    public SystemdCallException(string message)
        : this("org.freedesktop.DBus.Error.Failed", message)
    {
    }

    public SystemdCallException(string message, Exception innerException)
        : this("org.freedesktop.DBus.Error.Failed", message, innerException)
    {
    }

    /// <summary>The D-Bus error name, e.g. <c>org.freedesktop.systemd1.NoSuchUnit</c>.</summary>
    public string ErrorName { get; }

    public string ErrorMessage { get; }
}
