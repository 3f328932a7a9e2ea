using Restarter.Server.Restarting;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests;

/// <summary>The decisions of restart_unit, against a real dbus-daemon and the stand-in systemd.</summary>
public sealed class UnitRestarterTests : IAsyncLifetime
{
    private SystemdOnPrivateBus _env = null!;

    public async Task InitializeAsync() => _env = await SystemdOnPrivateBus.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task A_running_instance_is_restarted_with_the_legacy_answer()
    {
        _env.Systemd.AddUnit("example@1234.service");

        var outcome = await _env.Restarter.RestartAsync("1234");

        Assert.Equal((true, "success"), (outcome.Success, outcome.Message));
        Assert.Equal("example@1234.service", outcome.Unit);
        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", outcome.JobPath);
        Assert.Equal(["example@1234.service", "replace"], _env.Systemd.CallsOf("RestartUnit").Single().Arguments);
    }

    [Fact]
    public async Task The_step_before_the_restart_runs_before_systemd_is_asked_and_only_when_it_will_be()
    {
        _env.Systemd.AddUnit("example@1234.service");
        var seen = new List<(string Unit, int RestartsAtSystemd)>();
        Task Before(string unit)
        {
            seen.Add((unit, _env.Systemd.CallsOf("RestartUnit").Count()));
            return Task.CompletedTask;
        }

        await _env.Restarter.RestartAsync("1234", Before);
        await _env.Restarter.RestartAndWaitAsync("1234", TimeSpan.FromSeconds(1), Before);
        await _env.Restarter.RestartAsync("12x4", Before);
        await _env.Restarter.RestartAsync("9999", Before); // not running: refused before systemd is asked

        Assert.Equal([("example@1234.service", 0), ("example@1234.service", 1)], seen);
        Assert.Equal(2, _env.Systemd.CallsOf("RestartUnit").Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("1234\n")]
    [InlineData("\u0661\u0662\u0663\u0664")]
    [InlineData("\uFF11\uFF12\uFF13\uFF14")]
    [InlineData("1234.service")]
    [InlineData("../1234")]
    public async Task An_invalid_identifier_never_reaches_the_bus(string? identifier)
    {
        _env.Systemd.AddUnit("example@1234.service");

        var outcome = await _env.Restarter.RestartAsync(identifier);
        var waited = await _env.Restarter.RestartAndWaitAsync(identifier, TimeSpan.FromSeconds(1));

        Assert.Equal((false, "invalid identifier"), (outcome.Success, outcome.Message));
        Assert.Equal((false, "invalid identifier", "", ""), (waited.Success, waited.Message, waited.JobPath, waited.Result));
        Assert.Empty(_env.Systemd.Calls);
    }

    [Fact]
    public async Task An_instance_systemd_does_not_know_is_not_started()
    {
        var outcome = await _env.Restarter.RestartAsync("9999");

        Assert.Equal((false, "example@9999.service is not running (inactive): refusing to start it"), (outcome.Success, outcome.Message));
        Assert.Empty(_env.Systemd.CallsOf("RestartUnit"));
        Assert.Empty(_env.Systemd.Units);
    }

    [Theory]
    [InlineData("inactive", "dead")]
    [InlineData("failed", "failed")]
    public async Task A_stopped_or_failed_instance_is_not_started(string activeState, string subState)
    {
        _env.Systemd.AddUnit("example@1234.service", activeState, subState);

        var outcome = await _env.Restarter.RestartAsync("1234");
        var waited = await _env.Restarter.RestartAndWaitAsync("1234", TimeSpan.FromSeconds(1));

        Assert.Equal((false, $"example@1234.service is not running ({activeState}): refusing to start it"), (outcome.Success, outcome.Message));
        Assert.Equal(outcome.Message, waited.Message);
        Assert.Empty(_env.Systemd.CallsOf("RestartUnit"));
        Assert.Equal(activeState, _env.Systemd.Units["example@1234.service"].ActiveState);
    }

    [Theory]
    [InlineData("activating")]
    [InlineData("reloading")]
    public async Task A_unit_on_its_way_up_counts_as_running(string activeState)
    {
        _env.Systemd.AddUnit("example@1234.service", activeState, "start");
        Assert.True((await _env.Restarter.RestartAsync("1234")).Success);
    }

    [Fact]
    public async Task With_the_safety_off_the_legacy_behaviour_starts_a_new_instance()
    {
        await using var env = await SystemdOnPrivateBus.StartAsync(o => o.RequireRunningUnit = false);

        var outcome = await env.Restarter.RestartAsync("9999");

        Assert.Equal((true, "success"), (outcome.Success, outcome.Message));
        Assert.Empty(env.Systemd.CallsOf("GetUnit"));
        Assert.Single(env.Systemd.CallsOf("RestartUnit"));
    }

    [Fact]
    public async Task A_refusal_by_polkit_is_the_python_dbus_text()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.Fail = call => call.Member == "RestartUnit" ? ("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", "Interactive authentication required.") : null;

        var outcome = await _env.Restarter.RestartAsync("1234");

        Assert.Equal((false, "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required."), (outcome.Success, outcome.Message));
        Assert.Equal("", outcome.JobPath);
    }

    [Fact]
    public async Task A_failure_of_the_state_check_is_reported_and_nothing_is_restarted()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.Fail = call => call.Member == "GetUnit" ? ("org.freedesktop.DBus.Error.AccessDenied", "Rejected send message") : null;

        var outcome = await _env.Restarter.RestartAsync("1234");

        Assert.Equal((false, "org.freedesktop.DBus.Error.AccessDenied: Rejected send message"), (outcome.Success, outcome.Message));
        Assert.Empty(_env.Systemd.CallsOf("RestartUnit"));
    }

    [Fact]
    public async Task With_no_bus_the_answer_carries_the_python_dbus_text()
    {
        await using var env = await SystemdOnPrivateBus.StartAsync(o => o.BusAddress = "unix:path=/nonexistent");

        var outcome = await env.Restarter.RestartAsync("1234");

        Assert.Equal((false, "org.freedesktop.DBus.Error.FileNotFound: Failed to connect to socket /nonexistent: No such file or directory"), (outcome.Success, outcome.Message));
    }

    [Fact]
    public async Task The_unit_name_comes_from_the_template()
    {
        await using var env = await SystemdOnPrivateBus.StartAsync(o => o.UnitTemplate = "worker-{id}.service");
        env.Systemd.AddUnit("worker-0042.service");

        Assert.True((await env.Restarter.RestartAsync("0042")).Success);
        Assert.Equal("worker-0042.service", env.Systemd.CallsOf("RestartUnit").Single().FirstArgument);
    }

    [Fact]
    public async Task Restart_and_wait_succeeds_only_when_the_job_is_done()
    {
        _env.Systemd.AddUnit("example@0001.service");
        _env.Systemd.AddUnit("example@0002.service");
        _env.Systemd.JobResult = unit => unit == "example@0001.service" ? "done" : "failed";

        var done = await _env.Restarter.RestartAndWaitAsync("0001", TimeSpan.FromSeconds(5));
        var failed = await _env.Restarter.RestartAndWaitAsync("0002", TimeSpan.FromSeconds(5));

        Assert.Equal((true, "success", "done"), (done.Success, done.Message, done.Result));
        Assert.Equal((false, "failed"), (failed.Success, failed.Result));
        Assert.Equal($"example@0002.service: job {failed.JobPath} finished with result 'failed'", failed.Message);
    }

    [Fact]
    public async Task Restart_and_wait_gives_up_after_the_wait()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.JobResult = _ => null;

        var outcome = await _env.Restarter.RestartAndWaitAsync("1234", TimeSpan.FromMilliseconds(200));

        Assert.Equal((false, "wait-timeout"), (outcome.Success, outcome.Result));
        Assert.Equal($"example@1234.service: no result for job {outcome.JobPath} within 0.2 s", outcome.Message);
    }
}
