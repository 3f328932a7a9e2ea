using System.Collections.Concurrent;
using System.Net;

namespace Restarter.Server.Hosting.Internal;

/// <summary>
/// Open connections per client address, refused beyond a limit. Lock-free: one slot per address with an interlocked
/// count; a slot whose count drops to 0 is marked dead (-1) and removed, so the map only holds clients with open
/// connections.
/// </summary>
internal sealed class ClientConnectionCounter(int limitPerClient, TimeProvider time, TimeSpan warningInterval)
{
    private const int Dead = -1;
    private readonly ConcurrentDictionary<IPAddress, Slot> _slots = new();

    public int LimitPerClient => limitPerClient;

    /// <summary>How many client addresses have open connections now.</summary>
    public int ClientCount => _slots.Count;

    /// <summary>IPv4-mapped IPv6 addresses count as the IPv4 address they carry.</summary>
    public static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Open connections of <paramref name="address"/> now (0 when it has none).</summary>
    public int OpenConnections(IPAddress address) =>
        _slots.TryGetValue(Normalise(address), out var slot) ? Math.Max(0, Volatile.Read(ref slot.Count)) : 0;

    /// <summary>Counts one more connection of <paramref name="address"/>; false (nothing counted) when it is at the limit.</summary>
    public bool TryAcquire(IPAddress address, out RefusalReport? report)
    {
        address = Normalise(address);
        var spin = new SpinWait();
        while (true)
        {
            var slot = _slots.GetOrAdd(address, static _ => new Slot());
            var count = Volatile.Read(ref slot.Count);
            if (count == Dead)
            {
                // Being removed by the last release; the next GetOrAdd gives a fresh slot.
                spin.SpinOnce();
                continue;
            }

            if (count >= limitPerClient)
            {
                report = slot.Refused(time.GetTimestamp(), time, warningInterval);
                return false;
            }

            if (Interlocked.CompareExchange(ref slot.Count, count + 1, count) == count)
            {
                report = null;
                return true;
            }
        }
    }

    /// <summary>Uncounts a connection a successful <see cref="TryAcquire"/> counted.</summary>
    public void Release(IPAddress address)
    {
        address = Normalise(address);
        if (!_slots.TryGetValue(address, out var slot))
        {
            throw new InvalidOperationException($"no open connection counted for {address}");
        }

        if (Interlocked.Decrement(ref slot.Count) == 0 && Interlocked.CompareExchange(ref slot.Count, Dead, 0) == 0)
        {
            _slots.TryRemove(new KeyValuePair<IPAddress, Slot>(address, slot));
        }
    }

    /// <summary>A refusal worth a warning: the first for a client, then at most one per interval.</summary>
    internal readonly record struct RefusalReport(long RefusedSinceLastReport);

    private sealed class Slot
    {
        public int Count;
        private long _refusedSinceReport;
        private long _lastReport = long.MinValue;

        public RefusalReport? Refused(long now, TimeProvider time, TimeSpan interval)
        {
            var refused = Interlocked.Increment(ref _refusedSinceReport);
            var last = Volatile.Read(ref _lastReport);
            if (last != long.MinValue && time.GetElapsedTime(last, now) < interval)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _lastReport, now, last) != last)
            {
                return null;
            }

            Interlocked.Add(ref _refusedSinceReport, -refused);
            return new RefusalReport(refused);
        }
    }
}
