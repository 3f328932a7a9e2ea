using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>unit_state, list_units and restart_unit_and_wait, as the web app calls them, through the whole server process.</summary>
public sealed class NewMethodsOverHttpTests : IClassFixture<ServerOnPrivateBus>
{
    private readonly ServerOnPrivateBus _server;

    public NewMethodsOverHttpTests(ServerOnPrivateBus server)
    {
        _server = server;
        _server.Reset();
    }

    [Fact]
    public async Task Unit_state_reports_what_systemd_says()
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.unit_state('1234'))");

        Assert.Equal(
            """{"active_state": "active", "identifier": "1234", "load_state": "loaded", "main_pid": 4242, "since": "2023-11-14T22:13:20Z", "sub_state": "running", "unit": "example@1234.service"}""",
            answer);
        Assert.Empty(_server.Systemd.CallsOf("RestartUnit"));
    }

    [Fact]
    public async Task Unit_state_of_an_unknown_instance_loads_nothing()
    {
        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.unit_state(7777))");

        Assert.Equal(
            """{"active_state": "inactive", "identifier": "7777", "load_state": "not-found", "main_pid": 0, "since": "", "sub_state": "dead", "unit": "example@7777.service"}""",
            answer);
        Assert.Empty(_server.Systemd.Units);
    }

    [Fact]
    public async Task Unit_state_of_an_invalid_identifier_is_a_fault()
    {
        var answer = await PythonClient.RunAsync(_server.Url, @"out(proxy.unit_state('1234\n'))");

        Assert.Equal("FAULT 1 <class 'ValueError'>:invalid identifier", answer);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Fact]
    public async Task List_units_gives_the_instances_of_the_template_sorted()
    {
        _server.Systemd.AddUnit("example@0002.service", "failed", "failed");
        _server.Systemd.AddUnit("example@0001.service");
        _server.Systemd.AddUnit("example@abcd.service");
        _server.Systemd.AddUnit("other@0003.service");

        var answer = await PythonClient.RunAsync(_server.Url, "out([(u['identifier'], u['unit'], u['active_state'], u['main_pid']) for u in proxy.list_units()])");

        Assert.Equal("""[["0001", "example@0001.service", "active", 4242], ["0002", "example@0002.service", "failed", 0]]""", answer);
        Assert.Equal("example@*.service", _server.Systemd.CallsOf("ListUnitsByPatterns").Single().Arguments.Single());
    }

    [Fact]
    public async Task Restart_and_wait_answers_with_the_job_and_its_result()
    {
        _server.Systemd.AddUnit("example@0001.service");
        _server.Systemd.AddUnit("example@0002.service");
        _server.Systemd.JobResult = unit => unit == "example@0001.service" ? "done" : "failed";

        var done = await PythonClient.RunAsync(_server.Url, "r = proxy.restart_unit_and_wait('0001', 5); out([r['success'], r['message'], r['result'], r['job'].startswith('/org/freedesktop/systemd1/job/')])");
        var failed = await PythonClient.RunAsync(_server.Url, "r = proxy.restart_unit_and_wait('0002', 5); out([r['success'], r['result'], r['message'] == 'example@0002.service: job %s finished with result \\'failed\\'' % r['job']])");

        Assert.Equal("""[true, "success", "done", true]""", done);
        Assert.Equal("""[false, "failed", true]""", failed);
    }

    [Fact]
    public async Task Restart_and_wait_refuses_an_instance_that_is_not_running()
    {
        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit_and_wait('9999', 5))");

        Assert.Equal("""{"job": "", "message": "example@9999.service is not running (inactive): refusing to start it", "result": "", "success": false}""", answer);
        Assert.Empty(_server.Systemd.CallsOf("RestartUnit"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public async Task Restart_and_wait_refuses_a_wait_out_of_range(string seconds)
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(_server.Url, $"out(proxy.restart_unit_and_wait('1234', {seconds}))");

        Assert.Equal($"FAULT 1 <class 'ValueError'>:timeout_seconds must be between 1 and 300, got {seconds}", answer);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Fact]
    public async Task Restart_and_wait_with_a_wrong_arity_is_the_python_fault()
    {
        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit_and_wait('1234'))");

        Assert.Equal("FAULT 1 <class 'TypeError'>:Service.restart_unit_and_wait() missing 1 required positional argument: 'timeout_seconds'", answer);
    }
}
