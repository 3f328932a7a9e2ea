using System.Diagnostics;
using Restarter.Robustness.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Http;

/// <summary>
/// The connection limit, with a server process of its own: its 1,100 connections must not disturb the timings of the
/// other attacks.
/// </summary>
public sealed class ConnectionLimitTests(RobustServer fixture, ITestOutputHelper output) : IClassFixture<RobustServer>
{
    // A known limit, measured rather than hidden: the connection limit is global, so enough slow connections lock out
    // everyone else until the header timeout cuts them; then the server serves again by itself.
    [Fact]
    public async Task Slowloris_beyond_the_connection_limit_locks_out_new_clients_until_the_header_timeout_then_the_server_recovers()
    {
        await fixture.PrepareAsync();
        var clock = Stopwatch.StartNew();
        var attackers = new List<RawConnection>();
        try
        {
            for (var i = 0; i < 1100; i++)
            {
                var connection = await RawConnection.OpenAsync(fixture.BaseUrl);
                attackers.Add(connection);
                await connection.TrySendAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            }

            await Task.Delay(500);
            var probe = new NormalCall(fixture.BaseUrl);
            var during = await probe.CallAsync();
            var recoveredAfter = TimeSpan.Zero;
            while (clock.Elapsed < TimeSpan.FromSeconds(25))
            {
                if ((await probe.CallAsync()).Failure is null)
                {
                    recoveredAfter = clock.Elapsed;
                    break;
                }

                await Task.Delay(250);
            }

            output.WriteLine($"1100 slow connections opened in {attackers.Count} tries; a normal call meanwhile: {during.Failure ?? "answered"} ({during.Elapsed.TotalMilliseconds:0} ms); " +
                             $"normal calls answer again {recoveredAfter.TotalSeconds:0.0} s after the attack began");
            Assert.NotNull(during.Failure);
            Assert.True(recoveredAfter > TimeSpan.Zero && recoveredAfter < TimeSpan.FromSeconds(16), $"recovered after {recoveredAfter}");
        }
        finally
        {
            foreach (var connection in attackers)
            {
                connection.Dispose();
            }
        }
    }
}
