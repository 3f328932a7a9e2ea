using System.Net;
using Restarter.Server.Auditing.Internal;

namespace Restarter.Server.Tests;

public sealed class DeniedAuditLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.8");

    [Fact]
    public void Each_second_a_client_gets_its_records_and_the_rest_is_counted_for_it_alone()
    {
        var clock = new ManualClock();
        var limiter = new DeniedAuditLimiter(3, clock);

        var recorded = Enumerable.Range(0, 10).Count(_ => limiter.TryRecord(Client));
        Assert.Equal(3, recorded);
        Assert.True(limiter.TryRecord(Other));
        Assert.Equal([(Client, 7L)], limiter.TakeSuppressed());
        Assert.Empty(limiter.TakeSuppressed());

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(limiter.TryRecord(Client));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryRecord(Client));
        Assert.Equal([(Client, 1L)], limiter.TakeSuppressed());
    }

    [Fact]
    public void Every_request_is_either_recorded_or_counted_under_concurrency()
    {
        var clock = new ManualClock();
        var limiter = new DeniedAuditLimiter(5, clock);
        var recorded = 0;

        Parallel.For(0, 20_000, i =>
        {
            if (i % 1000 == 0)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            if (limiter.TryRecord(Client))
            {
                Interlocked.Increment(ref recorded);
            }
        });

        var suppressed = limiter.TakeSuppressed().Sum(s => s.Suppressed);
        Assert.Equal(20_000, recorded + suppressed);
        Assert.InRange(recorded, 5, 5 * 21);
    }

    [Fact]
    public void Quiet_clients_are_forgotten()
    {
        var clock = new ManualClock();
        var limiter = new DeniedAuditLimiter(1, clock);
        limiter.TryRecord(Client);
        limiter.TryRecord(Client);
        Assert.Single(limiter.TakeSuppressed());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(limiter.IsEmpty);
        Assert.Empty(limiter.TakeSuppressed());
        Assert.True(limiter.IsEmpty);

        // Forgotten: a new window, so the first request of it is recorded again.
        Assert.True(limiter.TryRecord(Client));
    }
}
