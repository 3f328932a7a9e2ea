using System.Net;
using Restarter.Server.Hosting.Internal;

namespace Restarter.Server.Tests;

public sealed class ClientConnectionCounterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void A_client_gets_the_limit_and_no_more_and_others_are_not_affected()
    {
        var counter = new ClientConnectionCounter(3, new ManualClock(), TimeSpan.FromMinutes(1));

        Assert.All(Enumerable.Range(0, 3), i => Assert.True(counter.TryAcquire(Client, out _)));
        Assert.False(counter.TryAcquire(Client, out _));
        Assert.True(counter.TryAcquire(IPAddress.Parse("192.0.2.8"), out _));
        Assert.Equal(3, counter.OpenConnections(Client));
    }

    [Fact]
    public void Released_connections_make_room_and_a_client_with_none_is_forgotten()
    {
        var counter = new ClientConnectionCounter(2, new ManualClock(), TimeSpan.FromMinutes(1));
        counter.TryAcquire(Client, out _);
        counter.TryAcquire(Client, out _);

        counter.Release(Client);
        Assert.True(counter.TryAcquire(Client, out _));

        counter.Release(Client);
        counter.Release(Client);
        Assert.Equal(0, counter.OpenConnections(Client));
        Assert.Equal(0, counter.ClientCount);
    }

    [Fact]
    public void An_IPv4_mapped_IPv6_address_is_the_same_client_as_its_IPv4_address()
    {
        var counter = new ClientConnectionCounter(1, new ManualClock(), TimeSpan.FromMinutes(1));

        Assert.True(counter.TryAcquire(Client, out _));
        Assert.False(counter.TryAcquire(Client.MapToIPv6(), out _));
        counter.Release(Client.MapToIPv6());
        Assert.True(counter.TryAcquire(Client, out _));
    }

    [Fact]
    public void Refusals_are_reported_once_then_at_most_once_per_interval_with_the_count_in_between()
    {
        var clock = new ManualClock();
        var counter = new ClientConnectionCounter(1, clock, TimeSpan.FromMinutes(1));
        counter.TryAcquire(Client, out _);

        counter.TryAcquire(Client, out var first);
        counter.TryAcquire(Client, out var second);
        counter.TryAcquire(Client, out var third);
        clock.Advance(TimeSpan.FromSeconds(61));
        counter.TryAcquire(Client, out var later);

        Assert.Equal(1, first?.RefusedSinceLastReport);
        Assert.Null(second);
        Assert.Null(third);
        Assert.Equal(3, later?.RefusedSinceLastReport);
    }

    [Fact]
    public async Task Concurrent_connections_never_exceed_the_limit_and_all_are_released()
    {
        var counter = new ClientConnectionCounter(16, new ManualClock(), TimeSpan.FromMinutes(1));
        var peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (counter.TryAcquire(Client, out _))
                {
                    var open = counter.OpenConnections(Client);
                    InterlockedMax(ref peak, open);
                    counter.Release(Client);
                }
            }
        })));

        Assert.InRange(peak, 1, 16);
        Assert.Equal(0, counter.ClientCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
