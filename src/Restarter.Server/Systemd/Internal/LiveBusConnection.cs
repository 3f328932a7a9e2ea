using Tmds.DBus.Protocol;

namespace Restarter.Server.Systemd.Internal;

/// <summary>One connected <see cref="DBusConnection"/>, with what we know about it: whether it closed, whether systemd sends it signals.</summary>
internal sealed class LiveBusConnection : IDisposable
{
    private readonly Lock _gate = new();
    private Task? _subscription;

    public LiveBusConnection(DBusConnection connection, string address)
    {
        Connection = connection;
        Address = address;
        Closed = connection.DisconnectedAsync();
    }

    public DBusConnection Connection { get; }

    public string Address { get; }

    /// <summary>Completes (with the reason) when the bus closes the connection or it is disposed.</summary>
    public Task<Exception?> Closed { get; }

    public bool IsClosed => Closed.IsCompleted;

    /// <summary>Runs <paramref name="subscribe"/> once for this connection (systemd only emits signals to subscribed clients); a failure is retried next time.</summary>
    public Task EnsureSubscribedAsync(Func<Task> subscribe)
    {
        lock (_gate)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = subscribe();
            }

            return _subscription;
        }
    }

    public void Dispose() => Connection.Dispose();
}
