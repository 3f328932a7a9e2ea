using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Restarter.Robustness.Tests.Infrastructure;
using Restarter.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Faults;

/// <summary>
/// The web front end (its own process, real Kestrel) in front of the real server while the server is SIGKILLed under load
/// and started again on the same port: every web request gets an answer, a clear 502 while the server is gone, success
/// again by itself once it is back, and nothing is lost silently between the page, the audit log and systemd.
/// </summary>
public sealed partial class WebAppFaultTests(ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int FirstId = 1000;
    private const int LastId = 9999;
    private const int RestartWaitSeconds = 2;
    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_server_killed_and_restarted_on_its_port_under_web_load_gives_clear_502s_then_the_web_app_recovers_by_itself()
    {
        await using var server = await KillableServer.StartAsync();

        // A first call (JIT, bus connection) that restarts nothing: a cold server next to 16 logins (PBKDF2) on 2 shared
        // cores once took longer than the RPC timeout.
        var (warmUp, _, _) = await RawXmlRpc.PostAsync(new Uri(server.Url, "/RPC2"), RawXmlRpc.Call("list_units"));
        Assert.Equal(HttpStatusCode.OK, warmUp);

        // Every request restarts an identifier of its own, so each answer can be matched to its audit record and to systemd's call.
        var ids = string.Join(',', Enumerable.Range(FirstId, LastId - FirstId + 1).Select(Id));
        await using var web = await WebFrontEnd.StartAsync(
            server.Url,
            [("alice", "correct horse", ids), ("bob", "battery staple", ids)],
            "--Restarter:RpcTimeout=" + RpcTimeout.ToString("c", CultureInfo.InvariantCulture),
            "--Restarter:RestartWaitSeconds=" + RestartWaitSeconds.ToString(CultureInfo.InvariantCulture));

        // Half browsers (restart_unit_and_wait, then unit_state), half scripts (the legacy restart_unit and its JSON).
        var users = Enumerable.Range(0, Clients).Select(i => new WebUser(web.BaseUrl, browser: i % 2 == 0)).ToList();
        try
        {
            Task LoginAsync(WebUser user) => user.Browser ? user.LoginAsync("alice", "correct horse") : user.LoginAsync("bob", "battery staple");
            await LoginAsync(users[0]);
            await Task.WhenAll(users.Skip(1).Select(LoginAsync));

            // Loaded only now: the form lists every loaded instance with two D-Bus calls each.
            foreach (var id in Enumerable.Range(FirstId, LastId - FirstId + 1))
            {
                server.Systemd.AddUnit($"example@{Id(id)}.service");
            }

            var clock = Stopwatch.StartNew();
            var calls = new ConcurrentBag<WebCall>();
            var lastId = FirstId - 1;
            using var stop = new CancellationTokenSource();
            var load = users.Select(async user =>
            {
                while (!stop.IsCancellationRequested && Interlocked.Increment(ref lastId) is var id && id <= LastId)
                {
                    calls.Add(await user.RestartAsync(Id(id), clock));
                }
            }).ToList();

            await Task.Delay(TimeSpan.FromSeconds(2));
            var killedAt = clock.Elapsed;
            await server.KillAsync();
            var goneAt = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(2));
            await server.StartAgainAsync();
            var backAt = clock.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var all = calls.OrderBy(c => c.StartedAt).ToList();
            var failed = all.Where(c => !c.Succeeded).ToList();
            output.WriteLine($"{all.Count} web requests ({all.Count(c => c.Browser)} as browser); server killed at {killedAt.TotalSeconds:0.000} s (gone at {goneAt.TotalSeconds:0.000} s), listening again at {backAt.TotalSeconds:0.000} s");
            output.WriteLine($"{failed.Count} not successful; slowest {all.Max(c => c.Elapsed).TotalMilliseconds:0} ms");
            foreach (var group in failed.GroupBy(c => $"{(c.Status is { } s ? (int)s : 0)} {(c.Browser ? "page" : "json")}: {c.Message}"))
            {
                output.WriteLine($"  {group.Count()} x {group.Key} (from {group.Min(c => c.StartedAt).TotalSeconds:0.000} s to {group.Max(c => c.StartedAt).TotalSeconds:0.000} s)");
            }

            Assert.True(lastId <= LastId, "the identifiers ran out: the load was faster than this test planned for");

            // Every request answered by the web app itself, within the RPC deadline (restart_unit_and_wait's is longer).
            Assert.All(all, c => Assert.True(c.Status is not null, $"no answer: {c}"));
            Assert.All(all, c => Assert.True(c.Elapsed < (c.Browser ? RpcTimeout * 2 + TimeSpan.FromSeconds(RestartWaitSeconds + 2) : RpcTimeout + TimeSpan.FromSeconds(2)), $"too slow: {c}"));

            // Not successful means one of the web app's own clear answers, 502, readable, no stack trace: the server is
            // unreachable (the call never reached it), or it broke off its answer (killed mid-call: the restart may have happened).
            Assert.NotEmpty(failed);
            Assert.All(failed, c =>
            {
                Assert.True(c.Status == HttpStatusCode.BadGateway, $"not a 502: {c}");
                Assert.True(UnreachableMessage().IsMatch(c.Message) || InterruptedMessage().IsMatch(c.Message), $"not a clear message: {c}");
                Assert.True(!c.Browser || c.Verdict == (InterruptedMessage().IsMatch(c.Message) ? "Restart not confirmed." : "Not restarted."), $"the page's verdict: {c.Verdict} for {c}");
                Assert.False(c.HasStackTrace, $"a stack trace: {c.Body}");
            });

            // Only around the outage, and after it everything succeeds again by itself (same web app process, no restart of it).
            Assert.All(failed, c => Assert.True(c.EndedAt >= killedAt && c.StartedAt <= backAt + TimeSpan.FromSeconds(1), $"a failure outside the outage: {c}"));
            var after = all.Where(c => c.StartedAt > backAt + TimeSpan.FromSeconds(1)).ToList();
            Assert.True(after.Count >= 20, $"only {after.Count} requests after the server came back");
            Assert.All(after, c => Assert.True(c.Succeeded, $"not recovered: {c}"));
            Assert.False(web.Process.HasExited, "the web app exited");
            Assert.DoesNotContain(web.Process.Lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));

            // Nothing lost silently. Each success the web app reported has the server's audit record (its lines arrive on stdout
            // asynchronously) and exactly one RestartUnit at systemd.
            var succeeded = all.Where(c => c.Succeeded).Select(c => c.Identifier).ToHashSet();
            await WaitUntilAsync(() => AuditedRestarts(server).Count >= succeeded.Count, TimeSpan.FromSeconds(10));
            var audit = AuditRecords(server);
            var audited = AuditedRestarts(server);
            var restarts = server.Systemd.CallsOf("RestartUnit").Select(c => c.FirstArgument!["example@".Length..^".service".Length]).ToList();
            var requested = all.Select(c => c.Identifier).ToHashSet();
            var cut = all.Where(c => c.StartedAt < goneAt && c.EndedAt > killedAt).ToList();
            var unaudited = restarts.Except(audited).ToList();
            output.WriteLine($"{succeeded.Count} successes reported, {audit.Count} audit records ({audited.Count} restarts), {restarts.Count} RestartUnit at systemd; " +
                             $"{cut.Count} requests in flight when the server was killed, {unaudited.Count} of them reached systemd without an outcome record: {string.Join(", ", unaudited)}");
            foreach (var c in cut)
            {
                output.WriteLine($"  in flight: {c}; audited: {audit.GetValueOrDefault(c.Identifier) ?? "no"}; at systemd: {restarts.Contains(c.Identifier)}");
            }

            Assert.All(audit, a => Assert.True(a.Value is "restart_unit queued" or "restart_unit_and_wait done", $"{a.Key}: {a.Value}"));
            Assert.All(succeeded, id => Assert.True(audited.Contains(id), $"{id}: the web app reported success, the audit log has no restart"));
            Assert.All(restarts.GroupBy(id => id), g => Assert.True(g.Count() == 1, $"{g.Key} restarted {g.Count()} times"));
            Assert.All(restarts, id => Assert.True(requested.Contains(id), $"{id} restarted, nobody asked"));
            Assert.All(audited, id => Assert.True(restarts.Contains(id), $"{id} audited as restarted, systemd never asked"));

            // Every RestartUnit systemd received has its request record, written before systemd was asked: even the calls the
            // kill cut between RestartUnit and the outcome record (a SIGKILLed process writes nothing more), which the web app
            // did not report as a success.
            var announced = RequestRecords(server);
            Assert.All(restarts, id => Assert.True(announced.Contains(id), $"{id} restarted with no audit-request record"));
            Assert.All(unaudited, id => Assert.Contains(cut, c => c.Identifier == id && !c.Succeeded));
            Assert.Equal(restarts.Count, audited.Count + unaudited.Count);

            // A call the server had when it was killed is never passed off as "unreachable" (which says nothing happened):
            // the web app says the restart may have happened, and does not send it again.
            var reachedServer = restarts.Concat(audit.Keys).ToHashSet();
            Assert.All(failed.Where(c => reachedServer.Contains(c.Identifier)), c => Assert.True(InterruptedMessage().IsMatch(c.Message), $"reached the server, answered as: {c}"));
            Assert.All(failed.Where(c => InterruptedMessage().IsMatch(c.Message)), c => Assert.Contains(c, cut));
        }
        catch
        {
            output.WriteLine("server:\n  " + string.Join("\n  ", server.Lines.Where(l => !l.Contains("audit restart_unit", StringComparison.Ordinal)).TakeLast(40)));
            output.WriteLine("web app:\n  " + string.Join("\n  ", web.Process.Lines.TakeLast(40)));
            throw;
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }
    }

    private static string Id(int id) => id.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>identifier → "method outcome", from the restart audit lines of every server generation.</summary>
    private static Dictionary<string, string> AuditRecords(KillableServer server)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var match in server.Lines.Select(l => AuditLine().Match(l)).Where(m => m.Success))
        {
            var identifier = match.Groups["identifier"].Value;
            Assert.False(records.ContainsKey(identifier), $"two audit records for {identifier}");
            records[identifier] = match.Groups["method"].Value + " " + match.Groups["outcome"].Value;
        }

        return records;
    }

    /// <summary>The identifiers of the audit-request records: restarts the server was about to ask systemd for.</summary>
    private static HashSet<string> RequestRecords(KillableServer server) =>
        server.Lines.Select(l => RequestLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["identifier"].Value).ToHashSet();

    private static HashSet<string> AuditedRestarts(KillableServer server) =>
        AuditRecords(server).Where(a => a.Value is "restart_unit queued" or "restart_unit_and_wait done").Select(a => a.Key).ToHashSet();

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("audit (?<method>restart_unit(?:_and_wait)?) .* identifier=\"(?<identifier>[0-9]{4})\" .* outcome=(?<outcome>\\S+) ")]
    private static partial Regex AuditLine();

    [GeneratedRegex("audit-request restart_unit(?:_and_wait)? .* identifier=\"(?<identifier>[0-9]{4})\" unit=")]
    private static partial Regex RequestLine();

    // RpcFailure.Unreachable and RpcFailure.Interrupted (XmlRpcRestarterRpc).
    [GeneratedRegex("^The RPC server is unreachable: .+$")]
    private static partial Regex UnreachableMessage();

    [GeneratedRegex("^The RPC server broke off its answer to restart_unit(_and_wait)?: the restart may have happened\\.$")]
    private static partial Regex InterruptedMessage();
}
