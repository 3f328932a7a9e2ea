using System.Diagnostics;
using System.Net.Sockets;
using Restarter.Server.Systemd;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests;

/// <summary>Our D-Bus calls against a real dbus-daemon and the stand-in systemd.</summary>
public sealed class SystemdClientTests : IAsyncLifetime
{
    private SystemdOnPrivateBus _env = null!;

    public async Task InitializeAsync() => _env = await SystemdOnPrivateBus.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task RestartUnit_returns_the_job_path_and_sends_unit_and_mode()
    {
        _env.Systemd.AddUnit("example@1234.service");

        var job = await _env.Client.RestartUnitAsync("example@1234.service", "replace");

        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", job);
        var call = Assert.Single(_env.Systemd.CallsOf("RestartUnit"));
        Assert.Equal(["example@1234.service", "replace"], call.Arguments);
        Assert.Equal("/org/freedesktop/systemd1", call.Path);
    }

    [Theory]
    [InlineData("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", "Interactive authentication required.")]
    [InlineData("org.freedesktop.DBus.Error.InvalidArgs", "Unit name example@1234 is not valid.")]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied", "Access denied")]
    [InlineData("org.freedesktop.systemd1.UnitMasked", "Unit example@1234.service is masked.")]
    public async Task Error_replies_read_as_python_dbus_prints_them(string name, string message)
    {
        _env.Systemd.Fail = call => call.Member == "RestartUnit" ? (name, message) : null;

        var e = await Assert.ThrowsAsync<SystemdCallException>(() => _env.Client.RestartUnitAsync("example@1234.service", "replace"));

        Assert.Equal($"{name}: {message}", e.Message);
        Assert.Equal(name, e.ErrorName);
    }

    [Fact]
    public async Task A_unit_without_a_file_is_systemds_NoSuchUnit()
    {
        var e = await Assert.ThrowsAsync<SystemdCallException>(() => _env.Client.RestartUnitAsync("nosuch@1.service", "replace"));
        Assert.Equal("org.freedesktop.systemd1.NoSuchUnit: Unit nosuch@1.service not found.", e.Message);
    }

    [Fact]
    public async Task Without_systemd_on_the_bus_the_bus_itself_answers()
    {
        _env.Systemd.Dispose();

        var e = await Assert.ThrowsAsync<SystemdCallException>(() => _env.Client.RestartUnitAsync("example@1234.service", "replace"));

        Assert.Equal("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.systemd1 was not provided by any .service files", e.Message);
    }

    [Fact]
    public async Task A_call_that_gets_no_reply_in_time_fails_with_libdbus_NoReply_text()
    {
        await using var env = await SystemdOnPrivateBus.StartAsync(o => o.CallTimeout = TimeSpan.FromMilliseconds(300));
        env.Systemd.ReplyDelay = call => call.Member == "RestartUnit" ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<SystemdCallException>(() => env.Client.RestartUnitAsync("example@1234.service", "replace"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal("org.freedesktop.DBus.Error.NoReply: Did not receive a reply. Possible causes include: the remote application did not send a reply, the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken.", e.Message);
    }

    [Fact]
    public async Task The_state_of_a_loaded_unit_is_read_without_loading_or_starting_anything()
    {
        var unit = _env.Systemd.AddUnit("example@1234.service");
        unit.MainPid = 777;
        unit.StateChangeTimestamp = 1_764_302_400_250_000; // 2025-11-28T04:00:00.25Z

        var state = await _env.Client.GetUnitStateAsync("example@1234.service");

        Assert.Equal(new UnitState("example@1234.service", "loaded", "active", "running", 777, new DateTimeOffset(2025, 11, 28, 4, 0, 0, 250, TimeSpan.Zero)), state);
        Assert.DoesNotContain(_env.Systemd.Calls, c => c.Member is "RestartUnit" or "StartUnit" or "LoadUnit");
    }

    [Fact]
    public async Task A_unit_systemd_has_not_loaded_reads_as_not_found_and_stays_unloaded()
    {
        var state = await _env.Client.GetUnitStateAsync("example@9999.service");

        Assert.Equal(UnitState.NotLoaded("example@9999.service"), state);
        Assert.Null(state.Since);
        Assert.Empty(_env.Systemd.Units);
        Assert.Equal(["GetUnit"], _env.Systemd.Calls.Select(c => c.Member));
    }

    [Fact]
    public async Task An_unknown_state_change_time_is_null()
    {
        _env.Systemd.AddUnit("example@1234.service").StateChangeTimestamp = 0;
        Assert.Null((await _env.Client.GetUnitStateAsync("example@1234.service")).Since);
    }

    [Fact]
    public async Task Listing_returns_the_units_that_match_the_pattern_with_their_states()
    {
        _env.Systemd.AddUnit("example@0002.service", "failed", "failed");
        _env.Systemd.AddUnit("example@0001.service");
        _env.Systemd.AddUnit("other@0003.service");

        var units = await _env.Client.ListUnitsAsync("example@*.service");

        Assert.Equal(["example@0001.service", "example@0002.service"], units.Select(u => u.Unit));
        Assert.Equal(("active", "running", 4242u), (units[0].ActiveState, units[0].SubState, units[0].MainPid));
        Assert.Equal(("failed", "failed", 0u), (units[1].ActiveState, units[1].SubState, units[1].MainPid));
        Assert.Equal(["example@*.service"], _env.Systemd.CallsOf("ListUnitsByPatterns").Single().Arguments);
    }

    [Theory]
    [InlineData("done")]
    [InlineData("failed")]
    [InlineData("timeout")]
    [InlineData("canceled")]
    [InlineData("dependency")]
    [InlineData("skipped")]
    public async Task Restart_and_wait_reports_systemds_job_result(string result)
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.JobResult = _ => result;

        var outcome = await _env.Client.RestartUnitAndWaitAsync("example@1234.service", "replace", TimeSpan.FromSeconds(5));

        Assert.Equal(result, outcome.Result);
        Assert.Single(_env.Systemd.CallsOf("RestartUnit"));
        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", outcome.JobPath);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task A_job_that_ends_at_once_is_still_seen_because_the_signal_is_watched_before_the_restart()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.JobDuration = TimeSpan.Zero;

        for (var i = 0; i < 20; i++)
        {
            var outcome = await _env.Client.RestartUnitAndWaitAsync("example@1234.service", "replace", TimeSpan.FromSeconds(5));
            Assert.Equal("done", outcome.Result);
        }

        // systemd emits job signals only to subscribed clients: one Subscribe per connection, before the first restart
        Assert.Equal("Subscribe", _env.Systemd.Calls.First(c => c.Member is "Subscribe" or "RestartUnit").Member);
        Assert.Single(_env.Systemd.CallsOf("Subscribe"));
    }

    [Fact]
    public async Task Concurrent_waits_each_get_their_own_jobs_result()
    {
        _env.Systemd.AddUnit("example@0001.service");
        _env.Systemd.AddUnit("example@0002.service");
        _env.Systemd.JobResult = unit => unit == "example@0001.service" ? "done" : "failed";

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _env.Client.RestartUnitAndWaitAsync(i % 2 == 0 ? "example@0001.service" : "example@0002.service", "replace", TimeSpan.FromSeconds(5))));

        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "done" : "failed", outcomes[i].Result);
        }

        Assert.Equal(20, outcomes.Select(o => o.JobPath).Distinct().Count());
    }

    [Fact]
    public async Task A_job_that_does_not_finish_in_time_is_a_wait_timeout()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.JobResult = _ => null;
        var clock = Stopwatch.StartNew();

        var outcome = await _env.Client.RestartUnitAndWaitAsync("example@1234.service", "replace", TimeSpan.FromMilliseconds(300));

        Assert.Equal(RestartJobOutcome.WaitTimeout, outcome.Result);
        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", outcome.JobPath);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Restart_and_wait_passes_error_replies_through()
    {
        _env.Systemd.Fail = call => call.Member == "RestartUnit" ? ("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", "Interactive authentication required.") : null;

        var e = await Assert.ThrowsAsync<SystemdCallException>(() => _env.Client.RestartUnitAndWaitAsync("example@1234.service", "replace", TimeSpan.FromSeconds(5)));

        Assert.Equal("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required.", e.Message);
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_do_not_wait_on_each_other()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.ReplyDelay = call => call.Member == "RestartUnit" ? TimeSpan.FromMilliseconds(500) : TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        var jobs = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => _env.Client.RestartUnitAsync("example@1234.service", "replace")));

        // One after the other they would take 100 s; together (100 in flight at a time) about two reply delays.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(200, jobs.Distinct().Count());
        Assert.Equal(200, _env.Systemd.CallsOf("RestartUnit").Count());
        Assert.Single(_env.Systemd.CallsOf("RestartUnit").Select(c => c.Sender).Distinct()); // one shared connection
    }

    [Fact]
    public async Task After_the_bus_restarts_the_next_call_reconnects_and_succeeds()
    {
        _env.Systemd.AddUnit("example@1234.service");
        await _env.Client.RestartUnitAsync("example@1234.service", "replace");
        await _env.RestartBusAsync();
        var job = await _env.Client.RestartUnitAsync("example@1234.service", "replace");

        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", job);
        Assert.Single(_env.Systemd.CallsOf("RestartUnit")); // the new stand-in, on the new bus, got it
    }

    [Fact]
    public async Task While_the_bus_is_down_calls_fail_like_python_dbus_and_succeed_once_it_is_back()
    {
        _env.Systemd.AddUnit("example@1234.service");
        await _env.Client.RestartUnitAsync("example@1234.service", "replace");

        await _env.Bus.KillAsync();

        // The first call can race the client noticing that its connection died: it is then written to the dead socket
        // and fails as a call in flight does. Either way it fails; from then on the bus is down for us as for python-dbus.
        var first = await Assert.ThrowsAsync<SystemdCallException>(() => _env.Client.RestartUnitAsync("example@1234.service", "replace"));
        Assert.Matches("^org\\.freedesktop\\.DBus\\.Error\\.(NoServer|Disconnected): ", first.Message);
        var e = await Assert.ThrowsAsync<SystemdCallException>(() => _env.Client.RestartUnitAsync("example@1234.service", "replace"));
        Assert.Equal(await PythonDBus.ConnectErrorAsync(_env.Bus.Address), e.Message);
        Assert.StartsWith("org.freedesktop.DBus.Error.NoServer: Failed to connect to socket ", e.Message);

        await _env.RestartBusAfterKillAsync();
        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", await _env.Client.RestartUnitAsync("example@1234.service", "replace"));
    }

    [Fact]
    public async Task A_call_in_flight_when_the_bus_dies_fails_like_libdbus_says()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.ReplyDelay = call => call.Member == "RestartUnit" ? TimeSpan.FromSeconds(10) : TimeSpan.Zero;
        var call = _env.Client.RestartUnitAsync("example@1234.service", "replace");
        while (!_env.Systemd.CallsOf("RestartUnit").Any())
        {
            await Task.Delay(10);
        }

        await _env.Bus.KillAsync();
        var e = await Assert.ThrowsAsync<SystemdCallException>(() => call);

        Assert.Equal("org.freedesktop.DBus.Error.Disconnected: Connection was disconnected before a reply was received", e.Message);
    }

    [Fact]
    public async Task A_wait_cut_short_by_the_bus_going_away_reports_the_job_and_why()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.JobResult = _ => null;
        var wait = _env.Client.RestartUnitAndWaitAsync("example@1234.service", "replace", TimeSpan.FromSeconds(10));
        while (!_env.Systemd.CallsOf("RestartUnit").Any())
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        await _env.Bus.KillAsync();
        var outcome = await wait.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(RestartJobOutcome.WaitTimeout, outcome.Result);
        Assert.Equal("org.freedesktop.DBus.Error.Disconnected: Connection was disconnected before a reply was received", outcome.Error);
        Assert.Matches("^/org/freedesktop/systemd1/job/[0-9]+$", outcome.JobPath);
    }
}
