using System.Net;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>
/// The "done when": the seed's Bottle web client, unchanged, pointed once at the legacy server and once at ours
/// (same private bus, same stand-in systemd), gets the same JSON for the same form input, except the documented divergences.
/// </summary>
public sealed class BottleClientTests : IClassFixture<BottleClientTests.ClientsOnBothServers>
{
    private readonly ClientsOnBothServers _world;

    public BottleClientTests(ClientsOnBothServers world)
    {
        _world = world;
        _world.Reset();
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("12a4")]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("١٢٣٤")]
    [InlineData("1234; systemctl reboot")]
    public async Task The_unchanged_client_gets_the_same_json_from_both_servers(string serviceId)
    {
        _world.Systemd.AddUnit("example@1234.service");

        var legacy = await PostFormAsync(_world.ClientOfLegacy, serviceId);
        var ours = await PostFormAsync(_world.ClientOfOurs, serviceId);

        Assert.Equal(HttpStatusCode.OK, legacy.Status);
        Assert.Equal(legacy, ours);
        Assert.Equal(serviceId == "1234" ? 2 : 0, _world.Systemd.CallsOf("RestartUnit").Count());
    }

    [Fact]
    public async Task The_client_shows_systemds_refusal_the_same_way()
    {
        _world.Systemd.AddUnit("example@1234.service");
        _world.Systemd.Fail = call => call.Member == "RestartUnit"
            ? ("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", "Interactive authentication required.")
            : null;

        var legacy = await PostFormAsync(_world.ClientOfLegacy, "1234");
        var ours = await PostFormAsync(_world.ClientOfOurs, "1234");

        Assert.Equal("""{"success": false, "message": "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required."}""", legacy.Body);
        Assert.Equal(legacy, ours);
    }

    [Fact]
    public async Task Divergence_an_instance_that_is_not_running_is_started_through_the_legacy_server_only()
    {
        var ours = await PostFormAsync(_world.ClientOfOurs, "9999");
        Assert.Empty(_world.Systemd.Units);
        var legacy = await PostFormAsync(_world.ClientOfLegacy, "9999");

        Assert.Equal("""{"success": false, "message": "example@9999.service is not running (inactive): refusing to start it"}""", ours.Body);
        Assert.Equal("""{"success": true, "message": "success"}""", legacy.Body);
    }

    private static async Task<(HttpStatusCode Status, string ContentType, string Body)> PostFormAsync(ServerProcess client, string serviceId)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsync(new Uri(client.BaseAddress!, "/restart"), new FormUrlEncodedContent([new("service_id", serviceId)]));
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Both servers, and the seed's client (bottle + waitress, socket-activated) in front of each.</summary>
    public sealed class ClientsOnBothServers : IAsyncLifetime
    {
        private readonly LegacyServerComparisonTests.BothServers _servers = new();

        public FakeSystemd Systemd => _servers.Systemd;

        public ServerProcess ClientOfLegacy { get; private set; } = null!;

        public ServerProcess ClientOfOurs { get; private set; } = null!;

        public void Reset() => _servers.Reset();

        public async Task InitializeAsync()
        {
            await _servers.InitializeAsync();
            ClientOfLegacy = await StartClientAsync(_servers.Legacy.BaseAddress!);
            ClientOfOurs = await StartClientAsync(_servers.Server.BaseAddress!);
        }

        public async Task DisposeAsync()
        {
            await ClientOfLegacy.DisposeAsync();
            await ClientOfOurs.DisposeAsync();
            await _servers.DisposeAsync();
        }

        private static Task<ServerProcess> StartClientAsync(Uri rpcServer) =>
            ServerProcess.StartSocketActivatedCommandAsync(
                ["/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Legacy", "legacy_client.py")],
                new Dictionary<string, string> { ["RPC_SERVER"] = rpcServer.ToString().TrimEnd('/'), ["PYTHONUNBUFFERED"] = "1" });
    }
}
