using System.Globalization;
using System.Text.RegularExpressions;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>The audit record the server process writes to stdout for each restart request.</summary>
public sealed partial class AuditTests : IClassFixture<ServerOnPrivateBus>
{
    private readonly ServerOnPrivateBus _server;

    public AuditTests(ServerOnPrivateBus server)
    {
        _server = server;
        _server.Reset();
    }

    [Fact]
    public async Task A_queued_restart_is_one_line_with_client_identifier_unit_outcome_and_job()
    {
        _server.Systemd.AddUnit("example@4321.service");

        await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit('4321'))");
        var line = await _server.Server.WaitForLineAsync(l => l.Contains("unit=example@4321.service outcome=", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Matches(
            """info: Restarter\.Audit\[100\] audit restart_unit client=127\.0\.0\.1:[0-9]+ user=- identifier="4321" unit=example@4321\.service outcome=queued job=/org/freedesktop/systemd1/job/[0-9]+ message="success"$""",
            line);
    }

    [Fact]
    public async Task A_restart_is_announced_before_systemd_is_asked_and_an_invalid_id_is_not()
    {
        _server.Systemd.AddUnit("example@4322.service");

        await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit('4322')); out(proxy.restart_unit('43x2'))");
        await _server.Server.WaitForLineAsync(l => l.Contains("identifier=\"43x2\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var lines = _server.Server.Lines.ToList();

        var request = lines.FindIndex(l => l.Contains("audit-request restart_unit", StringComparison.Ordinal) && l.Contains("identifier=\"4322\"", StringComparison.Ordinal));
        var outcome = lines.FindIndex(l => l.Contains("audit restart_unit", StringComparison.Ordinal) && l.Contains("identifier=\"4322\"", StringComparison.Ordinal));
        Assert.Matches(
            """info: Restarter\.Audit\[102\] audit-request restart_unit client=127\.0\.0\.1:[0-9]+ user=- identifier="4322" unit=example@4322\.service$""",
            lines[request]);
        Assert.InRange(request, 0, outcome - 1);
        Assert.DoesNotContain(lines, l => l.Contains("audit-request", StringComparison.Ordinal) && l.Contains("43x2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hostile_identifier_is_escaped_and_cannot_break_the_line()
    {
        await PythonClient.RunAsync(_server.Url, @"out(proxy.restart_unit('12\n34 outcome=queued \u0661""\\'))");
        var line = await _server.Server.WaitForLineAsync(l => l.Contains("identifier=\"12", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Contains("audit restart_unit client=127.0.0.1:", line, StringComparison.Ordinal);
        Assert.EndsWith(
            " user=- identifier=\"12\\n34 outcome=queued \\u0661\\\"\\\\\" unit=- outcome=invalid-identifier job=- message=\"invalid identifier\"",
            line);
        Assert.Contains("warn: Restarter.Audit[101]", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_invalid_identifiers_is_recorded_up_to_the_limit_then_counted()
    {
        // 20 records per client address and second by default (Restarter:AuditDeniedPerSecond).
        const int Calls = 150;
        await PythonClient.RunAsync(_server.Url, $"[proxy.restart_unit('7x7x') for _ in range({Calls})]; out('done')");
        await _server.Server.WaitForLineAsync(l => l.Contains("audit-suppressed client=127.0.0.1 ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var lines = _server.Server.Lines.ToList();
        var recorded = lines.Count(l => l.Contains("audit restart_unit", StringComparison.Ordinal) && l.Contains("identifier=\"7x7x\"", StringComparison.Ordinal));
        var suppressed = lines.Select(l => SuppressedCount().Match(l)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Calls, recorded + suppressed);
        Assert.InRange(recorded, 20, Calls - 1);
        Assert.Contains(lines, l => l.Contains("warn: Restarter.Audit[103] audit-suppressed client=127.0.0.1 denied=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_string_identifier_is_recorded_with_its_type()
    {
        await RawXmlRpc.PostAsync(_server.Server.BaseAddress!, RawXmlRpc.Call("restart_unit", "<base64>OTg3Ng==</base64>"));
        var line = await _server.Server.WaitForLineAsync(l => l.Contains("OTg3Ng==", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Contains("""identifier=base64:"OTg3Ng==" unit=- outcome=invalid-identifier""", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_restart_records_the_reason()
    {
        _server.Systemd.AddUnit("example@5151.service", "failed", "failed");

        await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit(5151))");
        var line = await _server.Server.WaitForLineAsync(l => l.Contains("unit=example@5151.service outcome=", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Contains("""identifier=5151 unit=example@5151.service outcome=not-running job=- message="example@5151.service is not running (failed): refusing to start it" """.TrimEnd(), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_and_wait_is_audited_with_its_result()
    {
        _server.Systemd.AddUnit("example@6161.service");

        await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit_and_wait('6161', 5))");
        var line = await _server.Server.WaitForLineAsync(l => l.Contains("unit=example@6161.service outcome=", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Matches("""audit restart_unit_and_wait client=127\.0\.0\.1:[0-9]+ user=- identifier="6161" unit=example@6161\.service outcome=done job=/org/freedesktop/systemd1/job/[0-9]+ message="success"$""", line);
    }

    [GeneratedRegex(@"audit-suppressed client=127\.0\.0\.1 denied=([0-9]+):")]
    private static partial Regex SuppressedCount();
}
