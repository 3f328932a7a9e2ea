using System.Net;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>restart_unit through the whole server process: Python's ServerProxy (or raw XML) → Kestrel → dispatcher → D-Bus → stand-in systemd.</summary>
public sealed class RestartUnitOverHttpTests : IClassFixture<ServerOnPrivateBus>
{
    private const string InvalidJson = """{"message": "invalid identifier", "success": false}""";
    private readonly ServerOnPrivateBus _server;

    public RestartUnitOverHttpTests(ServerOnPrivateBus server)
    {
        _server = server;
        _server.Reset();
    }

    [Fact]
    public async Task Pythons_ServerProxy_restarts_a_running_instance()
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit('1234'))");

        Assert.Equal("""{"message": "success", "success": true}""", answer);
        Assert.Equal(["example@1234.service", "replace"], _server.Systemd.CallsOf("RestartUnit").Single().Arguments);
    }

    [Theory]
    [InlineData("'12a4'")]
    [InlineData("''")]
    [InlineData("'123'")]
    [InlineData("'12345'")]
    [InlineData(@"'1234\n'")]
    [InlineData(@"'\u0661\u0662\u0663\u0664'")]
    [InlineData(@"'\uff11\uff12\uff13\uff14'")]
    [InlineData("'../1234'")]
    [InlineData("'1234.service'")]
    [InlineData("' 1234'")]
    [InlineData("42")]
    [InlineData("12345")]
    [InlineData("-123")]
    public async Task An_invalid_identifier_is_refused_without_touching_the_bus(string pythonLiteral)
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(_server.Url, $"out(proxy.restart_unit({pythonLiteral}))");

        Assert.Equal(InvalidJson, answer);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Theory]
    [InlineData("<string>1234</string>")]
    [InlineData("1234")]
    [InlineData("<int>1234</int>")]
    [InlineData("<i4>1234</i4>")]
    [InlineData("<i8>1234</i8>")]
    [InlineData("<int>+1234</int>")]
    public async Task A_string_an_untyped_value_or_an_integer_is_the_identifier(string value)
    {
        _server.Systemd.AddUnit("example@1234.service");

        var (status, _, body) = await RawXmlRpc.PostAsync(_server.Server.BaseAddress!, RawXmlRpc.Call("restart_unit", value));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), body);
        Assert.Equal("example@1234.service", _server.Systemd.CallsOf("RestartUnit").Single().FirstArgument);
    }

    [Theory]
    [InlineData("<base64>MTIzNA==</base64>")]
    [InlineData("<boolean>1</boolean>")]
    [InlineData("<double>1234.0</double>")]
    [InlineData("<dateTime.iso8601>20261128T12:00:00</dateTime.iso8601>")]
    [InlineData("<nil/>")]
    [InlineData("<array><data><value>1234</value></data></array>")]
    [InlineData("<struct><member><name>id</name><value>1234</value></member></struct>")]
    [InlineData("<i4>0042</i4>")]
    [InlineData("<i8>12345678901</i8>")]
    public async Task Every_other_type_is_an_invalid_identifier(string value)
    {
        _server.Systemd.AddUnit("example@1234.service");

        var (status, _, body) = await RawXmlRpc.PostAsync(_server.Server.BaseAddress!, RawXmlRpc.Call("restart_unit", value));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(RawXmlRpc.LegacyAnswer(false, "invalid identifier"), body);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Theory]
    [InlineData("proxy.restart_unit()", "FAULT 1 <class 'TypeError'>:Service.restart_unit() missing 1 required positional argument: 'identifier'")]
    [InlineData("proxy.restart_unit('1234', '5678')", "FAULT 1 <class 'TypeError'>:Service.restart_unit() takes 2 positional arguments but 3 were given")]
    [InlineData("proxy.restart_units('1234')", "FAULT 1 <class 'Exception'>:method \"restart_units\" is not supported")]
    public async Task A_wrong_call_is_a_python_style_fault_and_restarts_nothing(string call, string expected)
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(_server.Url, $"out({call})");

        Assert.Equal(expected, answer);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Fact]
    public async Task An_instance_that_is_not_running_is_not_started()
    {
        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit('9999'))");

        Assert.Equal("""{"message": "example@9999.service is not running (inactive): refusing to start it", "success": false}""", answer);
        Assert.Empty(_server.Systemd.CallsOf("RestartUnit"));
        Assert.Empty(_server.Systemd.Units);
    }

    [Fact]
    public async Task A_refusal_by_polkit_reaches_the_client_as_python_dbus_printed_it()
    {
        _server.Systemd.AddUnit("example@1234.service");
        _server.Systemd.Fail = call => call.Member == "RestartUnit"
            ? ("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", "Interactive authentication required.")
            : null;

        var answer = await PythonClient.RunAsync(_server.Url, "out(proxy.restart_unit('1234'))");

        Assert.Equal("""{"message": "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required.", "success": false}""", answer);
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_all_get_their_answer()
    {
        for (var i = 0; i < 200; i++)
        {
            _server.Systemd.AddUnit($"example@{i:0000}.service");
        }

        _server.Systemd.ReplyDelay = call => call.Member == "RestartUnit" ? TimeSpan.FromMilliseconds(50) : TimeSpan.Zero;
        var calls = Enumerable.Range(0, 200)
            .Select(i => RawXmlRpc.PostAsync(_server.Server.BaseAddress!, RawXmlRpc.Call("restart_unit", $"<string>{i:0000}</string>")));

        var answers = await Task.WhenAll(calls);

        Assert.All(answers, a => Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), a.Body));
        Assert.Equal(200, _server.Systemd.CallsOf("RestartUnit").Select(c => c.FirstArgument).Distinct().Count());
    }

    [Fact]
    public async Task Introspection_lists_the_new_methods_beside_the_legacy_one()
    {
        var answer = await PythonClient.RunAsync(_server.Url, "out([m for m in proxy.system.listMethods() if not m.startswith('system.')])");

        Assert.Equal("""["list_units", "restart_unit", "restart_unit_and_wait", "unit_state"]""", answer);
    }
}
