using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace Restarter.Server.Systemd.Internal;

/// <summary>
/// Owns the one connection to the bus that every request shares. It is opened on first use; once the bus drops it
/// (a bus restart, a daemon crash), the next call opens a new one, so the server never needs a restart itself.
/// </summary>
internal sealed partial class SharedBusConnection : IDisposable
{
    private readonly Func<string> _resolveAddress;
    private readonly TimeSpan _connectTimeout;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<LiveBusConnection>? _current;
    private bool _disposed;

    public SharedBusConnection(Func<string> resolveAddress, TimeSpan connectTimeout, ILogger logger)
    {
        _resolveAddress = resolveAddress;
        _connectTimeout = connectTimeout;
        _logger = logger;
    }

    /// <summary>The live connection, connecting first when there is none or the last one closed or failed to open.</summary>
    public Task<LiveBusConnection> GetAsync(CancellationToken cancellationToken)
    {
        Task<LiveBusConnection> current;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is null || _current.IsFaulted || _current.IsCanceled || _current is { IsCompletedSuccessfully: true, Result.IsClosed: true })
            {
                if (_current is { IsCompletedSuccessfully: true } closed)
                {
                    closed.Result.Dispose();
                }

                _current = Task.Run(ConnectAsync, CancellationToken.None);
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task<LiveBusConnection> ConnectAsync()
    {
        var address = _resolveAddress();
        var endpoints = BusAddressParser.Parse(address);
        SystemdCallException? firstFailure = null;
        foreach (var endpoint in endpoints)
        {
            var connection = new DBusConnection(endpoint.ToAddress());
            try
            {
                await connection.ConnectAsync().AsTask().WaitAsync(_connectTimeout).ConfigureAwait(false);
                var live = new LiveBusConnection(connection, address);
                LogConnected(address, connection.UniqueName);
                _ = LogWhenClosedAsync(live);
                return live;
            }
            catch (Exception e)
            {
                connection.Dispose();
                // libdbus tries every entry of the address and reports the first failure.
                firstFailure ??= e is TimeoutException ? DBusErrorTexts.NoReply(e) : DBusErrorTexts.ConnectFailed(endpoint, e);
            }
        }

        LogConnectFailed(address, firstFailure!.Message);
        throw firstFailure;
    }

    private async Task LogWhenClosedAsync(LiveBusConnection live)
    {
        var reason = await live.Closed.ConfigureAwait(false);
        if (!Volatile.Read(ref _disposed))
        {
            LogDisconnected(live.Address, reason?.Message);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_current is { IsCompletedSuccessfully: true } current)
            {
                current.Result.Dispose();
            }

            _current = null;
        }
    }
}
