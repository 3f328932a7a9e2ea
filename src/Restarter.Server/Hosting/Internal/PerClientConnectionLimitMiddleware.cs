using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Restarter.Server.Hosting.Internal;

/// <summary>
/// Kestrel connection middleware: a connection from a client address that already has the limit open is closed at
/// once, before any HTTP is read, so one client cannot use up the global connection limit (slowloris).
/// Connections without an IP endpoint (a unix socket) are not limited.
/// </summary>
internal sealed partial class PerClientConnectionLimitMiddleware(ConnectionDelegate next, ClientConnectionCounter counter, ILogger logger)
{
    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var address })
        {
            await next(connection);
            return;
        }

        if (!counter.TryAcquire(address, out var report))
        {
            if (report is { } refusal)
            {
                LogRefused(logger, ClientConnectionCounter.Normalise(address).ToString(), counter.LimitPerClient, refusal.RefusedSinceLastReport);
            }

            connection.Abort(new ConnectionAbortedException("too many connections from this client"));
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            counter.Release(address);
        }
    }

    [LoggerMessage(20, LogLevel.Warning, "Refused connections from {ClientAddress}: it has {Limit} open, the per-client limit (Kestrel:Limits:MaxConnectionsPerClient); refused {Refused} since the last such warning")]
    private static partial void LogRefused(ILogger logger, string clientAddress, int limit, long refused);
}
