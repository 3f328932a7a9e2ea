using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Restarter.Robustness.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Http;

/// <summary>
/// The connection limits, with a server process of its own: its 1,100 connections must not disturb the timings of the
/// other attacks. Attackers connect from other loopback addresses (Linux routes all of 127/8 to lo); the normal
/// client calls from 127.0.0.1.
/// </summary>
public sealed class ConnectionLimitTests(RobustServer fixture, ITestOutputHelper output) : IClassFixture<RobustServer>
{
    private const int PerClientLimit = 256;
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Slowloris_from_one_address_is_cut_at_the_per_client_limit_and_other_clients_are_served()
    {
        await fixture.PrepareAsync();
        var attackers = new List<RawConnection>();
        var resetAtConnect = 0;
        try
        {
            for (var i = 0; i < 1100; i++)
            {
                RawConnection connection;
                try
                {
                    connection = await RawConnection.OpenAsync(fixture.BaseUrl, Attacker);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset && i >= PerClientLimit)
                {
                    // Beyond the limit the server may abort before the connect call has even returned.
                    resetAtConnect++;
                    continue;
                }

                attackers.Add(connection);
                await connection.TrySendAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            }

            output.WriteLine($"{resetAtConnect} of the attacker's connections were reset while connecting");

            var during = await new NormalCall(fixture.BaseUrl).CallAsync();
            output.WriteLine($"a normal call during the attack: {during.Failure ?? "answered"} ({during.Elapsed.TotalMilliseconds:0} ms)");
            Assert.Null(during.Failure);
            Assert.True(during.Elapsed < TimeSpan.FromSeconds(1), $"answered after {during.Elapsed}");

            // Beyond the limit: closed by the server at once (long before the 10 s header timeout), without an HTTP answer.
            var clock = Stopwatch.StartNew();
            foreach (var beyond in attackers.Skip(PerClientLimit))
            {
                var (text, closed) = await beyond.ReadUntilClosedAsync(TimeSpan.FromSeconds(5));
                Assert.True(closed, "a connection beyond the per-client limit stayed open");
                Assert.Equal("", text);
            }

            output.WriteLine($"{attackers.Count - PerClientLimit} connections beyond the limit all found closed within {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"closing them took {clock.Elapsed}");

            // Within the limit: still open, waiting for the rest of their headers.
            var (_, firstClosed) = await attackers[0].ReadUntilClosedAsync(TimeSpan.FromMilliseconds(300));
            var (_, lastAllowedClosed) = await attackers[PerClientLimit - 1].ReadUntilClosedAsync(TimeSpan.FromMilliseconds(300));
            Assert.False(firstClosed);
            Assert.False(lastAllowedClosed);

            // One warning for the whole flood, with the client and the limit.
            var warnings = fixture.Server.Lines.Where(l => l.Contains("Refused connections from 127.0.0.2", StringComparison.Ordinal)).ToList();
            output.WriteLine(string.Join("\n", warnings));
            var warning = Assert.Single(warnings);
            Assert.Contains($"it has {PerClientLimit} open", warning, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var connection in attackers)
            {
                connection.Dispose();
            }
        }

        // The attacker's count is released when its connections close: it can open the full limit again and be served.
        Assert.True(await AttackerIsServedAgainAsync(TimeSpan.FromSeconds(10)), "the attacker address stayed refused after closing its connections");
        var again = new List<RawConnection>();
        try
        {
            for (var i = 0; i < PerClientLimit; i++)
            {
                var connection = await RawConnection.OpenAsync(fixture.BaseUrl, Attacker);
                again.Add(connection);
                await connection.TrySendAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            }

            var (_, lastClosed) = await again[^1].ReadUntilClosedAsync(TimeSpan.FromMilliseconds(500));
            Assert.False(lastClosed, $"the {PerClientLimit}th connection after the release was refused");
        }
        finally
        {
            foreach (var connection in again)
            {
                connection.Dispose();
            }
        }
    }

    // A known limit, measured rather than hidden: the global limit still applies, so slow connections spread over many
    // addresses, each under the per-client limit, lock out everyone else until the header timeout cuts them; then the
    // server serves again by itself.
    [Fact]
    public async Task Slowloris_spread_over_many_addresses_beyond_the_global_limit_locks_out_new_clients_until_the_header_timeout()
    {
        await fixture.PrepareAsync();
        await WaitUntilAttackerIsServedAsync();
        var clock = Stopwatch.StartNew();
        var attackers = new List<RawConnection>();
        try
        {
            // 19 addresses x 58 = 1102 connections: over 1024 in all, none over 256 per address.
            for (var host = 2; host <= 20; host++)
            {
                var source = IPAddress.Parse($"127.0.0.{host}");
                for (var i = 0; i < 58; i++)
                {
                    var connection = await RawConnection.OpenAsync(fixture.BaseUrl, source);
                    attackers.Add(connection);
                    await connection.TrySendAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                }
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

            output.WriteLine($"{attackers.Count} slow connections from 19 addresses; a normal call meanwhile: {during.Failure ?? "answered"} ({during.Elapsed.TotalMilliseconds:0} ms); " +
                             $"normal calls answer again {recoveredAfter.TotalSeconds:0.0} s after the attack began");
            Assert.NotNull(during.Failure);
            Assert.True(recoveredAfter > TimeSpan.Zero && recoveredAfter < TimeSpan.FromSeconds(16), $"recovered after {recoveredAfter}");
            Assert.DoesNotContain(fixture.Server.Lines, l => l.Contains("Refused connections from 127.0.0.", StringComparison.Ordinal) && !l.Contains("127.0.0.2", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var connection in attackers)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Whether a complete request from the attacker address is answered, tried until <paramref name="timeout"/>.</summary>
    private async Task<bool> AttackerIsServedAgainAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            using var connection = await RawConnection.OpenAsync(fixture.BaseUrl, Attacker);
            var body = NormalCall.Document("0000");
            await connection.TrySendAsync($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
            var (text, _) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(5));
            if (text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task WaitUntilAttackerIsServedAsync() =>
        Assert.True(await AttackerIsServedAgainAsync(TimeSpan.FromSeconds(15)), "the attacker address is not served before the test");
}
