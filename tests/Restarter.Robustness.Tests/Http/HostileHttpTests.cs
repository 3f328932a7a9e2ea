using System.Diagnostics;
using System.Text;
using Restarter.Robustness.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Http;

/// <summary>
/// Attacks on the real server's HTTP layer with its Kestrel limits as shipped (headers within 10 s, bodies at least
/// 240 B/s after 5 s, 1 MB bodies). During each, a normal restart_unit over a new connection must answer within a second,
/// and nothing but those normal calls may reach systemd.
/// </summary>
public sealed class HostileHttpTests(RobustServer fixture, ITestOutputHelper output) : IClassFixture<RobustServer>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    private readonly Lock probesLock = new();

    [Fact]
    public async Task Slowloris_headers_are_cut_off_by_the_header_timeout_while_normal_calls_answer()
    {
        await fixture.PrepareAsync();
        var (closedAfter, probes) = await AttackAsync(200, async (connection, _) =>
        {
            if (!await connection.TrySendAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
            {
                return;
            }

            for (var i = 0; i < 30 && await connection.TrySendAsync($"X-Slow-{i}: a\r\n"); i++)
            {
                await Task.Delay(1000);
            }
        }, TimeSpan.FromSeconds(20));

        AssertAllClosedWithin(closedAfter, TimeSpan.FromSeconds(14));
        AssertProbes(probes);
    }

    [Fact]
    public async Task A_body_trickling_below_the_minimum_rate_is_aborted_and_never_dispatched()
    {
        await fixture.PrepareAsync();
        var body = Encoding.ASCII.GetBytes(NormalCall.Document("4321"));
        var (closedAfter, probes) = await AttackAsync(50, async (connection, _) =>
        {
            if (!await connection.TrySendAsync($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: {body.Length}\r\n\r\n"))
            {
                return;
            }

            // 10 bytes a second, far below 240 B/s: the whole body would take 20 s.
            for (var i = 0; i < body.Length && await connection.TrySendAsync(body[i..Math.Min(body.Length, i + 10)]); i += 10)
            {
                await Task.Delay(1000);
            }
        }, TimeSpan.FromSeconds(20));

        AssertAllClosedWithin(closedAfter, TimeSpan.FromSeconds(12));
        AssertProbes(probes);
        Assert.DoesNotContain("4321", fixture.RestartedIdentifiers());
    }

    [Fact]
    public async Task A_Content_Length_longer_than_the_body_never_dispatches_the_partial_call()
    {
        await fixture.PrepareAsync();
        var body = NormalCall.Document("4321");

        // Stalled after the (complete-looking) document: the missing bytes never come, the rate limit closes it.
        using var stalled = await RawConnection.OpenAsync(fixture.BaseUrl);
        await stalled.TrySendAsync($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length + 1000}\r\n\r\n{body}");

        // Closed by the client after the document: the body ends early.
        using var truncated = await RawConnection.OpenAsync(fixture.BaseUrl);
        await truncated.TrySendAsync($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {body.Length + 1000}\r\n\r\n{body}");
        truncated.Stream.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        var clock = Stopwatch.StartNew();
        var probe = await new NormalCall(fixture.BaseUrl).CallAsync();
        var (truncatedAnswer, truncatedClosed) = await truncated.ReadUntilClosedAsync(TimeSpan.FromSeconds(5));
        var (stalledAnswer, stalledClosed) = await stalled.ReadUntilClosedAsync(TimeSpan.FromSeconds(15));
        output.WriteLine($"truncated: closed={truncatedClosed} answer={FirstLine(truncatedAnswer)}; stalled: closed={stalledClosed} after {clock.Elapsed.TotalSeconds:0.0} s answer={FirstLine(stalledAnswer)}");

        Assert.Null(probe.Failure);
        Assert.True(truncatedClosed, "the truncated connection was not closed");
        Assert.True(stalledClosed, "the stalled connection was not closed");
        Assert.DoesNotContain("<boolean>1</boolean>", truncatedAnswer + stalledAnswer, StringComparison.Ordinal);
        Assert.Equal([NormalCall.Identifier], fixture.RestartedIdentifiers());
    }

    [Fact]
    public async Task A_Content_Length_shorter_than_the_body_is_a_fault_and_the_rest_is_not_a_second_call()
    {
        await fixture.PrepareAsync();
        var body = NormalCall.Document("4321");
        using var connection = await RawConnection.OpenAsync(fixture.BaseUrl);
        await connection.TrySendAsync($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 60\r\n\r\n{body}");
        var (answer, closed) = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(5));
        output.WriteLine(answer);

        Assert.StartsWith("HTTP/1.1 200 OK", answer, StringComparison.Ordinal);
        Assert.Contains("<name>faultCode</name>", answer, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 400 Bad Request", answer, StringComparison.Ordinal); // the remainder, read as a request line
        Assert.True(closed);
        Assert.Empty(fixture.RestartedIdentifiers());
    }

    [Theory]
    [InlineData(1024 * 1024 + 1)]
    [InlineData(100L * 1024 * 1024 * 1024)]
    public async Task A_huge_declared_body_is_refused_with_413_before_it_is_sent(long length)
    {
        await fixture.PrepareAsync();
        using var connection = await RawConnection.OpenAsync(fixture.BaseUrl);
        var clock = Stopwatch.StartNew();
        await connection.TrySendAsync($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: {length}\r\n\r\n");
        var answer = await connection.ReadUntilAsync("\r\n", TimeSpan.FromSeconds(5));

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Budget, $"took {clock.Elapsed}");
        Assert.Empty(fixture.RestartedIdentifiers());
    }

    [Fact]
    public async Task A_huge_chunked_body_is_cut_at_the_limit()
    {
        await fixture.PrepareAsync();
        using var connection = await RawConnection.OpenAsync(fixture.BaseUrl);
        await connection.TrySendAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n");
        var prefix = "<?xml version='1.0'?><methodCall><methodName>restart_unit</methodName><params><param><value><string>";
        await connection.TrySendAsync($"{prefix.Length:x}\r\n{prefix}\r\n");
        var chunk = new string('1', 64 * 1024);
        var sent = prefix.Length;
        var clock = Stopwatch.StartNew();
        var answering = connection.ReadUntilAsync("\r\n", TimeSpan.FromSeconds(10));
        while (sent < 16 * 1024 * 1024 && !answering.IsCompleted && await connection.TrySendAsync($"{chunk.Length:x}\r\n{chunk}\r\n"))
        {
            sent += chunk.Length;
        }

        var answer = await answering;
        output.WriteLine($"answer after {clock.ElapsedMilliseconds} ms, {sent} bytes sent (loopback socket buffers hold several MB): {FirstLine(answer)}");

        // The answer must not wait for the end of the body (Kestrel may go on discarding it to keep the connection).
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"413 after {clock.Elapsed}");
        Assert.Empty(fixture.RestartedIdentifiers());
    }

    [Fact]
    public async Task Two_hundred_concurrent_connections_each_get_their_answers_and_held_open_do_not_block_a_new_client()
    {
        await fixture.PrepareAsync();
        var body = NormalCall.Document("2222");
        var request = $"POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}";
        var answered = 0;
        var slowest = TimeSpan.Zero;
        var allOpen = new TaskCompletionSource();
        var open = 0;
        var (_, probes) = await AttackAsync(200, async (connection, _) =>
        {
            // Everyone at once: 200 calls in flight together, then the connections stay open (keep-alive) and idle.
            for (var i = 0; i < 2; i++)
            {
                var clock = Stopwatch.StartNew();
                if (!await connection.TrySendAsync(request))
                {
                    return;
                }

                var answer = await connection.ReadUntilAsync("</methodResponse>\n", TimeSpan.FromSeconds(15));
                lock (probesLock)
                {
                    slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                }

                if (answer.Contains("<boolean>1</boolean>", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref answered);
                }
            }

            if (Interlocked.Increment(ref open) == 200)
            {
                allOpen.SetResult();
            }

            await Task.Delay(TimeSpan.FromSeconds(4));
        }, TimeSpan.FromSeconds(30), closeWhenDone: true, probeAfter: allOpen.Task);

        output.WriteLine($"{answered} of 400 calls on 200 concurrent connections answered; the slowest took {slowest.TotalMilliseconds:0} ms");
        Assert.Equal(400, answered);
        Assert.Equal(400, fixture.RestartedIdentifiers().Count(id => id == "2222"));
        AssertProbes(probes);
    }

    [Fact]
    public async Task A_connection_flood_does_not_stop_normal_calls()
    {
        await fixture.PrepareAsync();
        var opened = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var flood = Enumerable.Range(0, 16).Select(async worker =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var connection = await RawConnection.OpenAsync(fixture.BaseUrl);
                    Interlocked.Increment(ref opened);
                    if (worker % 2 == 0)
                    {
                        await connection.TrySendAsync("GARBAGE / HTTP/9\r\n\r\n");
                    }
                }
                catch (System.Net.Sockets.SocketException)
                {
                }

                // About 1,000 connections a second in all: the attacker's own CPU is not the server's on a real network,
                // here both share two cores with the probe.
                await Task.Delay(15);
            }
        }).ToList();

        var probe = new NormalCall(fixture.BaseUrl);
        var probes = await probe.ProbeAsync(TimeSpan.FromMilliseconds(200), stop.Token);
        await Task.WhenAll(flood);
        output.WriteLine($"{opened} connections opened and dropped in 6 s");

        Assert.True(opened > 1000, $"only {opened} connections");
        AssertProbes(probes);
    }

    /// <summary>
    /// Opens <paramref name="connections"/> connections running <paramref name="attack"/>, probes with normal calls
    /// until every attacking connection has been closed by the server (or <paramref name="limit"/>), and returns when
    /// each connection was seen closed (null: never).
    /// </summary>
    private async Task<(List<TimeSpan?> ClosedAfter, List<(TimeSpan Elapsed, string? Failure)> Probes)> AttackAsync(
        int connections, Func<RawConnection, int, Task> attack, TimeSpan limit, bool closeWhenDone = false, Task? probeAfter = null)
    {
        var clock = Stopwatch.StartNew();
        var closedAfter = new TimeSpan?[connections];
        var attackers = Enumerable.Range(0, connections).Select(async i =>
        {
            using var connection = await RawConnection.OpenAsync(fixture.BaseUrl);
            var watch = closeWhenDone ? null : WatchCloseAsync(connection, clock, limit);
            await attack(connection, i);
            closedAfter[i] = watch is null ? clock.Elapsed : await watch;
        }).ToList();

        using var stop = new CancellationTokenSource();
        var probe = new NormalCall(fixture.BaseUrl);
        var probing = Task.Run(async () =>
        {
            if (probeAfter is not null)
            {
                await probeAfter.WaitAsync(limit);
            }

            return await probe.ProbeAsync(TimeSpan.FromMilliseconds(250), stop.Token);
        });
        await Task.WhenAll(attackers).WaitAsync(limit + TimeSpan.FromSeconds(5));
        stop.Cancel();
        var probes = await probing;
        var closed = closedAfter.Where(t => t is not null).Select(t => t!.Value.TotalSeconds).ToList();
        output.WriteLine($"{connections} attacking connections: {closed.Count} closed by the server" +
                         (closed.Count > 0 ? $", after {closed.Min():0.0}-{closed.Max():0.0} s" : "") +
                         $"; {probes.Count} normal calls, slowest {probes.Max(p => p.Elapsed).TotalMilliseconds:0} ms " +
                         $"[{string.Join(" ", probes.Select(p => p.Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}]");
        return ([.. closedAfter], probes);
    }

    private static async Task<TimeSpan?> WatchCloseAsync(RawConnection connection, Stopwatch clock, TimeSpan limit)
    {
        var (_, closed) = await connection.ReadUntilClosedAsync(limit - clock.Elapsed);
        return closed ? clock.Elapsed : null;
    }

    private void AssertProbes(List<(TimeSpan Elapsed, string? Failure)> probes)
    {
        Assert.True(probes.Count >= 3, $"only {probes.Count} normal calls were made");
        Assert.All(probes, p => Assert.True(p.Failure is null, $"a normal call failed after {p.Elapsed.TotalMilliseconds:0} ms: {p.Failure}"));

        var slow = probes.Where(p => p.Elapsed >= Budget).ToList();
        Assert.True(slow.Count == 0,
            $"{slow.Count} of {probes.Count} normal calls took a second or more: {string.Join(", ", slow.Select(p => $"{p.Elapsed.TotalMilliseconds:0} ms"))}");
        Assert.Equal(probes.Count, fixture.RestartedIdentifiers().Count(id => id == NormalCall.Identifier));
    }

    private static void AssertAllClosedWithin(List<TimeSpan?> closedAfter, TimeSpan limit) =>
        Assert.All(closedAfter, t => Assert.True(t is { } after && after < limit, $"an attacking connection was closed after {t?.TotalSeconds ?? double.NaN:0.0} s (limit {limit.TotalSeconds} s)"));

    private static string FirstLine(string text) => text.Split("\r\n")[0];
}
