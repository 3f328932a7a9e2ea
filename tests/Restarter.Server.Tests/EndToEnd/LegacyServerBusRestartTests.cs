using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>The system bus restarts under both servers (own fixture: the legacy server stays broken afterwards).</summary>
public sealed class LegacyServerBusRestartTests(LegacyServerComparisonTests.BothServers servers) : IClassFixture<LegacyServerComparisonTests.BothServers>
{
    [Fact]
    public async Task Divergence_after_the_bus_restarts_the_legacy_server_stays_disconnected_ours_reconnects()
    {
        servers.Reset();
        servers.Systemd.AddUnit("example@1234.service");
        var request = RawXmlRpc.Call("restart_unit", "<string>1234</string>");
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), (await RawXmlRpc.PostAsync(servers.Legacy.BaseAddress!, request)).Body);
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), (await RawXmlRpc.PostAsync(servers.Server.BaseAddress!, request)).Body);

        await servers.Env.RestartBusAsync();
        var legacy = await RawXmlRpc.PostAsync(servers.Legacy.BaseAddress!, request);
        var legacyAgain = await RawXmlRpc.PostAsync(servers.Legacy.BaseAddress!, request);
        var ours = await RawXmlRpc.PostAsync(servers.Server.BaseAddress!, request);

        Assert.Contains("<boolean>0</boolean>", legacy.Body, StringComparison.Ordinal);
        Assert.Contains("<value><string>org.freedesktop.DBus.Error.Disconnected: ", legacy.Body, StringComparison.Ordinal);
        Assert.Equal(RawXmlRpc.LegacyAnswer(false, "org.freedesktop.DBus.Error.Disconnected: Connection is closed"), legacyAgain.Body);
        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), ours.Body);
    }
}
