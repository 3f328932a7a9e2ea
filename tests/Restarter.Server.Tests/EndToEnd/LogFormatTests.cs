using System.Text.Json;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>The console format the journal gets, and the structured JSON alternative, from the server process.</summary>
public sealed class LogFormatTests : IAsyncLifetime
{
    private SystemdOnPrivateBus _env = null!;

    public async Task InitializeAsync() => _env = await SystemdOnPrivateBus.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task With_stdout_on_the_journal_lines_carry_syslog_priorities_and_no_timestamp()
    {
        await using var server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address], new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });

        await PythonClient.RunAsync(server.BaseAddress!.ToString(), "out(proxy.restart_unit('12x4'))");
        var line = await server.WaitForLineAsync(l => l.Contains("Restarter.Audit", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.StartsWith("<4>Restarter.Audit[101] audit restart_unit client=127.0.0.1:", line);
        Assert.Contains(server.Lines, l => l.StartsWith("<6>Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_json_formatter_gives_the_audit_fields_as_structured_state()
    {
        _env.Systemd.AddUnit("example@2468.service");
        await using var server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address, "--Logging:Console:FormatterName=json"]);

        await PythonClient.RunAsync(server.BaseAddress!.ToString(), "out(proxy.restart_unit(2468))");
        var line = await server.WaitForLineAsync(l => l.Contains("\"Category\":\"Restarter.Audit\"", StringComparison.Ordinal) && l.Contains("\"Outcome\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        using var json = JsonDocument.Parse(line);
        var state = json.RootElement.GetProperty("State");
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("restart_unit", state.GetProperty("Method").GetString());
        Assert.Equal("2468", state.GetProperty("Identifier").GetString());
        Assert.Equal("example@2468.service", state.GetProperty("Unit").GetString());
        Assert.Equal("queued", state.GetProperty("Outcome").GetString());
        Assert.StartsWith("/org/freedesktop/systemd1/job/", state.GetProperty("Job").GetString());
        Assert.StartsWith("127.0.0.1:", state.GetProperty("Client").GetString());
    }
}
