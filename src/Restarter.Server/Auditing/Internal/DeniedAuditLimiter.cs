using System.Net;
using System.Runtime.InteropServices;

namespace Restarter.Server.Auditing.Internal;

/// <summary>
/// Per client address, the first denied restart requests of each second get their audit record; the rest are only
/// counted, and <see cref="TakeSuppressed"/> hands the counts out for one summary record per client. A flood of bad
/// requests then costs neither the server's time in formatting nor the journal's rate limit (journald drops a service's
/// lines beyond 10,000 in 30 s by default, and would drop the records of real restarts with them).
/// </summary>
internal sealed class DeniedAuditLimiter(int recordsPerSecond, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<IPAddress, ClientWindow> _clients = [];

    /// <summary>Whether no client is remembered (all forgotten by <see cref="TakeSuppressed"/>).</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _clients.Count == 0;
            }
        }
    }

    /// <summary>Whether this denied request of <paramref name="client"/> gets its own record; if not, it is counted.</summary>
    public bool TryRecord(IPAddress client)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            ref var window = ref CollectionsMarshal.GetValueRefOrAddDefault(_clients, client, out var known);
            if (!known || time.GetElapsedTime(window.Start, now) >= Window)
            {
                window.Start = now;
                window.Recorded = 0;
            }

            if (window.Recorded < recordsPerSecond)
            {
                window.Recorded++;
                return true;
            }

            window.Suppressed++;
            return false;
        }
    }

    /// <summary>The clients with denied requests counted and not recorded since the last call, and how many; forgets quiet clients.</summary>
    public List<(IPAddress Client, long Suppressed)> TakeSuppressed()
    {
        var now = time.GetTimestamp();
        var suppressed = new List<(IPAddress, long)>();
        lock (_lock)
        {
            List<IPAddress>? quiet = null;
            foreach (var (client, window) in _clients)
            {
                if (window.Suppressed > 0)
                {
                    suppressed.Add((client, window.Suppressed));
                    CollectionsMarshal.GetValueRefOrNullRef(_clients, client).Suppressed = 0;
                }
                else if (time.GetElapsedTime(window.Start, now) >= Window)
                {
                    (quiet ??= []).Add(client);
                }
            }

            foreach (var client in quiet ?? [])
            {
                _clients.Remove(client);
            }
        }

        return suppressed;
    }

    private struct ClientWindow
    {
        public long Start;
        public int Recorded;
        public long Suppressed;
    }
}
