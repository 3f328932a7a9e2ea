using System.Net;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>
/// The legacy Python server (the seed's code, unchanged, socket-activated, python-dbus) and ours, on the same private bus
/// and stand-in systemd, asked the same raw requests: where the outcome is meant to be the same, the answers are the same
/// bytes; where we diverge on purpose, both sides of the divergence are shown.
/// </summary>
public sealed class LegacyServerComparisonTests : IClassFixture<LegacyServerComparisonTests.BothServers>
{
    private readonly BothServers _servers;

    public LegacyServerComparisonTests(BothServers servers)
    {
        _servers = servers;
        _servers.Reset();
    }

    [Theory]
    [InlineData("restart_unit", "<string>12a4</string>")]
    [InlineData("restart_unit", "<string></string>")]
    [InlineData("restart_unit", "<string>12345</string>")]
    [InlineData("restart_unit", "<string>\u0661\u0662\u0663\u0664</string>")]
    [InlineData("restart_unit", "<string>../1234</string>")]
    [InlineData("restart_unit", "<string>1234 &amp;&amp; reboot</string>")]
    [InlineData("restart_unit", "<int>12345</int>")]
    [InlineData("restart_unit", "<i4>0042</i4>")]
    [InlineData("restart_unit", "<i8>-1234</i8>")]
    [InlineData("restart_unit", "<double>1234.5</double>")]
    [InlineData("restart_unit", "<boolean>1</boolean>")]
    [InlineData("restart_unit")]
    [InlineData("restart_unit", "<string>1234</string>", "<string>5678</string>")]
    [InlineData("restart_units", "<string>1234</string>")]
    public async Task The_same_request_gets_the_same_bytes(string method, params string[] values)
    {
        _servers.Systemd.AddUnit("example@1234.service");
        var request = RawXmlRpc.Call(method, values);

        var legacy = await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);
        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);

        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Equal(HttpStatusCode.OK, ours.Status);
        Assert.Equal(legacy.Body, ours.Body);
        Assert.Empty(_servers.Systemd.CallsOf("RestartUnit"));
    }

    [Theory]
    [InlineData("<string>1234</string>")]
    [InlineData("1234")]
    [InlineData("<int>1234</int>")]
    public async Task A_restart_of_a_running_instance_is_answered_alike(string value)
    {
        _servers.Systemd.AddUnit("example@1234.service");
        var request = RawXmlRpc.Call("restart_unit", value);

        var legacy = await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);
        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);

        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), legacy.Body);
        Assert.Equal(legacy.Body, ours.Body);
        Assert.Equal(2, _servers.Systemd.CallsOf("RestartUnit").Count(c => c.FirstArgument == "example@1234.service"));
    }

    [Fact]
    public async Task A_refusal_by_polkit_is_answered_alike()
    {
        _servers.Systemd.AddUnit("example@1234.service");
        _servers.Systemd.Fail = call => call.Member == "RestartUnit"
            ? ("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", "Interactive authentication required.")
            : null;
        var request = RawXmlRpc.Call("restart_unit", "<string>1234</string>");

        var legacy = await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);
        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);

        Assert.Equal(RawXmlRpc.LegacyAnswer(false, "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required."), legacy.Body);
        Assert.Equal(legacy.Body, ours.Body);
    }

    [Fact]
    public async Task Divergence_the_legacy_server_starts_an_instance_that_is_not_running_we_refuse()
    {
        var request = RawXmlRpc.Call("restart_unit", "<string>9999</string>");

        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);
        Assert.Empty(_servers.Systemd.Units);
        var legacy = await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);

        Assert.Equal(RawXmlRpc.LegacyAnswer(false, "example@9999.service is not running (inactive): refusing to start it"), ours.Body);
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), legacy.Body);
        Assert.True(_servers.Systemd.Units.ContainsKey("example@9999.service"));
    }

    [Fact]
    public async Task Divergence_the_legacy_server_takes_base64_as_an_identifier_we_refuse()
    {
        _servers.Systemd.AddUnit("example@1234.service");
        var request = RawXmlRpc.Call("restart_unit", "<base64>MTIzNA==</base64>");

        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);
        Assert.Empty(_servers.Systemd.CallsOf("RestartUnit"));
        var legacy = await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);

        Assert.Equal(RawXmlRpc.LegacyAnswer(false, "invalid identifier"), ours.Body);
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), legacy.Body);
        Assert.Equal("example@1234.service", _servers.Systemd.CallsOf("RestartUnit").Single().FirstArgument);
    }

    [Fact]
    public async Task Divergence_a_trailing_newline_reaches_systemd_from_the_legacy_server_not_from_ours()
    {
        var request = RawXmlRpc.Call("restart_unit", "<string>1234\n</string>");

        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);
        Assert.Empty(_servers.Systemd.Calls);
        await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);

        Assert.Equal(RawXmlRpc.LegacyAnswer(false, "invalid identifier"), ours.Body);
        Assert.Equal("example@1234\n.service", _servers.Systemd.CallsOf("RestartUnit").Single().FirstArgument);
    }

    [Fact]
    public async Task Divergence_the_legacy_server_expands_a_dtd_entity_into_an_identifier_we_refuse_the_document()
    {
        _servers.Systemd.AddUnit("example@1234.service");
        const string request = """<?xml version="1.0"?><!DOCTYPE methodCall [<!ENTITY id "1234">]><methodCall><methodName>restart_unit</methodName><params><param><value><string>&id;</string></value></param></params></methodCall>""";

        var ours = await RawXmlRpc.PostAsync(_servers.Server.BaseAddress!, request);
        Assert.Empty(_servers.Systemd.Calls);
        var legacy = await RawXmlRpc.PostAsync(_servers.Legacy.BaseAddress!, request);

        Assert.Contains("<fault>", ours.Body, StringComparison.Ordinal);
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), legacy.Body);
        Assert.Equal("example@1234.service", _servers.Systemd.CallsOf("RestartUnit").Single().FirstArgument);
    }

    [Fact]
    public async Task Divergence_a_chunked_request_body_gets_a_500_from_the_legacy_server_an_answer_from_ours()
    {
        _servers.Systemd.AddUnit("example@1234.service");
        var request = System.Text.Encoding.UTF8.GetBytes(RawXmlRpc.Call("restart_unit", "<string>1234</string>"));

        async Task<(HttpStatusCode, string)> PostChunkedAsync(Uri url)
        {
            using var http = new HttpClient();
            using var content = new StreamContent(new MemoryStream(request));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml");
            using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            message.Headers.TransferEncodingChunked = true;
            var response = await http.SendAsync(message);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var ours = await PostChunkedAsync(_servers.Server.BaseAddress!);
        var legacy = await PostChunkedAsync(_servers.Legacy.BaseAddress!);

        Assert.Equal((HttpStatusCode.OK, RawXmlRpc.LegacyAnswer(true, "success")), ours);
        Assert.Equal(HttpStatusCode.InternalServerError, legacy.Item1);
    }

    /// <summary>Our server and the legacy one (under systemd-socket-activate, as its unit ran it) on one private bus.</summary>
    public sealed class BothServers : ServerOnPrivateBus
    {
        public ServerProcess Legacy { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Legacy = await ServerProcess.StartSocketActivatedCommandAsync(
                ["/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Legacy", "legacy_server.py")],
                new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = Env.Bus.Address, ["PYTHONUNBUFFERED"] = "1" });
        }

        public override async Task DisposeAsync()
        {
            await Legacy.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
