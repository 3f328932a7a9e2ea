using System.Diagnostics;
using System.Net;
using Restarter.Robustness.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Faults;

/// <summary>
/// Failures around the server: the bus dies and comes back under load, systemd refuses or never answers, SIGTERM arrives
/// with calls in flight. Each call gets an answer or a closed connection, each restart request is in the audit log,
/// and the server recovers by itself.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_bus_killed_and_restarted_under_load_gives_clear_errors_then_recovers_by_itself()
    {
        var fixture = await FaultServer.StartAsync("--Restarter:CallTimeout=00:00:03");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var clock = Stopwatch.StartNew();
            var calls = new System.Collections.Concurrent.ConcurrentBag<CallRecord>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(9));
            var load = Enumerable.Range(0, 16).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    calls.Add(await CallRecord.MakeAsync(http, fixture.BaseUrl, "1234", clock));
                }
            }).ToList();

            await Task.Delay(TimeSpan.FromSeconds(2));
            var killedAt = clock.Elapsed;
            await fixture.Env.Bus.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await fixture.Env.RestartBusAfterKillAsync();
            var backAt = clock.Elapsed;
            await Task.WhenAll(load);

            var all = calls.OrderBy(c => c.StartedAt).ToList();
            var failed = all.Where(c => c.Success != true).ToList();
            output.WriteLine($"{all.Count} calls; bus killed at {killedAt.TotalSeconds:0.0} s, back at {backAt.TotalSeconds:0.0} s; {failed.Count} unsuccessful, slowest {all.Max(c => c.Elapsed).TotalMilliseconds:0} ms");
            foreach (var group in failed.GroupBy(c => c.Detail))
            {
                output.WriteLine($"  {group.Count()} x {group.Key}");
            }

            // Every call answered with the legacy struct, none hung past the call timeout.
            Assert.All(all, c => Assert.True(c.IsAnswer, $"no answer: {c.Status} {c.Detail}"));
            Assert.All(all, c => Assert.True(c.Elapsed < TimeSpan.FromSeconds(5), $"a call took {c.Elapsed}"));

            // The outage was seen, with a clear message, and only around it.
            Assert.NotEmpty(failed);
            Assert.All(failed, c => Assert.True(c.Detail.StartsWith("org.freedesktop.DBus.Error.", StringComparison.Ordinal), c.Detail));
            Assert.All(failed, c => Assert.True(c.StartedAt > killedAt - TimeSpan.FromSeconds(3.5) && c.StartedAt < backAt + TimeSpan.FromSeconds(1), $"a failure at {c.StartedAt}: {c.Detail}"));

            // Recovered by itself: everything started a second after the bus came back succeeded.
            var after = all.Where(c => c.StartedAt > backAt + TimeSpan.FromSeconds(1)).ToList();
            Assert.True(after.Count > 10, $"only {after.Count} calls after the bus came back");
            Assert.All(after, c => Assert.True(c.Success, c.Detail));

            // Nothing lost silently: one audit line per call (the lines arrive on the server's stdout asynchronously).
            await WaitUntilAsync(() => fixture.AuditLines().Count() >= all.Count, TimeSpan.FromSeconds(10), throwOnTimeout: false);
            Assert.Equal(all.Count, fixture.AuditLines().Count());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Systemd_that_never_answers_costs_the_call_timeout_and_blocks_no_other_call()
    {
        var fixture = await FaultServer.StartAsync("--Restarter:CallTimeout=00:00:02");
        try
        {
            fixture.Systemd.ReplyDelay = c => c.Member == "RestartUnit" && c.FirstArgument == "example@4321.service" ? TimeSpan.FromSeconds(30) : TimeSpan.Zero;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var clock = Stopwatch.StartNew();
            var hung = Enumerable.Range(0, 10).Select(_ => CallRecord.MakeAsync(http, fixture.BaseUrl, "4321", clock)).ToList();
            await Task.Delay(300);
            var others = new List<CallRecord>();
            for (var i = 0; i < 5; i++)
            {
                others.Add(await CallRecord.MakeAsync(http, fixture.BaseUrl, "1234", clock));
            }

            var timedOut = await Task.WhenAll(hung);
            output.WriteLine($"hung: {timedOut[0].Elapsed.TotalMilliseconds:0} ms, '{timedOut[0].Detail}'; others: {string.Join(", ", others.Select(o => $"{o.Elapsed.TotalMilliseconds:0} ms"))}");

            Assert.All(others, o => Assert.True(o.Success == true && o.Elapsed < TimeSpan.FromSeconds(1), $"{o.Elapsed} {o.Detail}"));
            Assert.All(timedOut, t => Assert.True(t.Success == false && t.Elapsed < TimeSpan.FromSeconds(4), $"{t.Elapsed} {t.Detail}"));
            Assert.All(timedOut, t => Assert.StartsWith("org.freedesktop.DBus.Error.NoReply", t.Detail, StringComparison.Ordinal));
            await WaitUntilAsync(() => fixture.AuditLines().Count() >= 15, TimeSpan.FromSeconds(5), throwOnTimeout: false);
            Assert.Equal(15, fixture.AuditLines().Count());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Systemd_refusing_every_restart_is_a_clear_unsuccessful_answer_and_audited()
    {
        var fixture = await FaultServer.StartAsync();
        try
        {
            fixture.Systemd.Fail = c => c.Member == "RestartUnit" ? ("org.freedesktop.systemd1.UnitMasked", "Unit example@1234.service is masked.") : null;
            using var http = new HttpClient();
            var record = await CallRecord.MakeAsync(http, fixture.BaseUrl, "1234", Stopwatch.StartNew());

            Assert.False(record.Success);
            Assert.Equal("org.freedesktop.systemd1.UnitMasked: Unit example@1234.service is masked.", record.Detail);
            await WaitUntilAsync(() => fixture.AuditLines().Any(), TimeSpan.FromSeconds(5));
            Assert.Contains(fixture.AuditLines(), l => l.Contains("outcome=bus-error", StringComparison.Ordinal) && l.Contains("UnitMasked", StringComparison.Ordinal));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task SIGTERM_with_calls_in_flight_answers_each_of_them_then_exits_cleanly()
    {
        var fixture = await FaultServer.StartAsync();
        try
        {
            fixture.Systemd.ReplyDelay = c => c.Member == "RestartUnit" ? TimeSpan.FromSeconds(2) : TimeSpan.Zero;
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(30) };
            var clock = Stopwatch.StartNew();
            var inFlight = Enumerable.Range(0, 20).Select(_ => CallRecord.MakeAsync(http, fixture.BaseUrl, "1234", clock)).ToList();
            await WaitUntilAsync(() => fixture.Systemd.CallsOf("RestartUnit").Count() == 20, TimeSpan.FromSeconds(10));

            var exiting = fixture.Server.TerminateAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(300);
            var late = await CallRecord.MakeAsync(http, fixture.BaseUrl, "2222", clock);
            var exitCode = await exiting;
            var answers = await Task.WhenAll(inFlight);
            output.WriteLine($"exit code {exitCode} after {clock.Elapsed.TotalSeconds:0.0} s; in flight: {answers.Count(a => a.Success == true)} answered with success; a call after SIGTERM: {late.Detail}");

            Assert.Equal(0, exitCode);
            Assert.All(answers, a => Assert.True(a.Success == true, $"{a.Status} {a.Detail}"));
            Assert.Null(late.Status); // refused: the listener is closed
            Assert.DoesNotContain("2222", fixture.RestartedIdentifiers());
            await WaitUntilAsync(() => fixture.AuditLines().Count() >= 20, TimeSpan.FromSeconds(5), throwOnTimeout: false);
            Assert.Equal(20, fixture.AuditLines().Count());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task SIGTERM_with_a_call_stuck_past_the_shutdown_timeout_closes_it_and_the_audit_still_has_it()
    {
        var fixture = await FaultServer.StartAsync("--shutdownTimeoutSeconds=2");
        try
        {
            fixture.Systemd.ReplyDelay = c => c.Member == "RestartUnit" ? TimeSpan.FromSeconds(20) : TimeSpan.Zero;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var clock = Stopwatch.StartNew();
            var stuck = CallRecord.MakeAsync(http, fixture.BaseUrl, "1234", clock);
            await WaitUntilAsync(() => fixture.Systemd.CallsOf("RestartUnit").Any(), TimeSpan.FromSeconds(10));

            var exitCode = await fixture.Server.TerminateAsync(TimeSpan.FromSeconds(15));
            var answer = await stuck;
            output.WriteLine($"exit code {exitCode} after {clock.Elapsed.TotalSeconds:0.0} s; the stuck call: {answer.Status} {answer.Detail}");
            output.WriteLine(string.Join('\n', fixture.Server.Lines.TakeLast(8)));

            Assert.True(answer.Elapsed < TimeSpan.FromSeconds(8), $"the stuck call took {answer.Elapsed}");
            Assert.True(answer.Status is null || answer.Success is not null, $"{answer.Status} {answer.Detail}");
            await WaitUntilAsync(() => fixture.AuditLines().Any(), TimeSpan.FromSeconds(5), throwOnTimeout: false);
            Assert.Single(fixture.AuditLines());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, bool throwOnTimeout = true)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.False(throwOnTimeout, "timed out waiting");
                return;
            }

            await Task.Delay(20);
        }
    }
}
