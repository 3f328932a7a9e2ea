using System.Net;
using System.Text;
using Restarter.Web.Rpc;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>Basic credentials for the RPC server: from RPC_SERVER's user info, or from the systemd credential file.</summary>
public sealed class CredentialsTests
{
    [Fact]
    public async Task UserInfoInRpcServer_IsSentAsBasicAuth()
    {
        await using var rpc = await FakeRestartServer.StartAsync();
        rpc.RequiredAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("web:p@ss:word"));
        var url = $"http://web:p%40ss%3Aword@127.0.0.1:{rpc.Address.Port}/";
        await using var web = new WebAppFactory(new Dictionary<string, string?> { ["RPC_SERVER"] = url });

        using var response = await web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "1234")));

        Assert.Equal("{\"success\": true, \"message\": \"success\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CredentialsDirectory_IsUsedWhenTheUrlHasNone()
    {
        await using var rpc = await FakeRestartServer.StartAsync();
        rpc.RequiredAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("restarter:s3cret"));
        var directory = Directory.CreateTempSubdirectory("restarter-credentials-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "rpc-credentials"), "restarter:s3cret\n");
            await using var web = new WebAppFactory(new Dictionary<string, string?>
            {
                ["RPC_SERVER"] = rpc.Address.ToString(),
                ["CREDENTIALS_DIRECTORY"] = directory.FullName,
            });

            using var response = await web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "1234")));

            Assert.Equal("{\"success\": true, \"message\": \"success\"}", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BareUserInRpcServer_IsSentWithoutAColon_AsPythonDoes()
    {
        await using var rpc = await FakeRestartServer.StartAsync();
        await using var web = new WebAppFactory(new Dictionary<string, string?> { ["RPC_SERVER"] = $"http://web@127.0.0.1:{rpc.Address.Port}/" });

        using var response = await web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "1234")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("web")), Assert.Single(rpc.Calls).Authorization);
    }

    [Theory]
    [InlineData("", "/RPC2")]
    [InlineData("/", "/")]
    [InlineData("/RPC2", "/RPC2")]
    public async Task RpcServerPath_IsUsedAsPythonsServerProxyDoes(string path, string expected)
    {
        await using var rpc = await FakeRestartServer.StartAsync();
        await using var web = new WebAppFactory(new Dictionary<string, string?> { ["RPC_SERVER"] = $"http://127.0.0.1:{rpc.Address.Port}{path}" });

        using var response = await web.CreateScriptClient().PostAsync("/restart", Forms.Fields(("service_id", "1234")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(rpc.Calls).Path);
    }

    [Fact]
    public void Endpoint_KeepsThePasswordOutOfTheAddress()
    {
        var endpoint = RpcServerEndpoint.Resolve("http://web:secret@10.0.0.2:8081/RPC2", null, "rpc-credentials");

        Assert.Equal("http://10.0.0.2:8081/RPC2", endpoint.Address.ToString());
        Assert.Equal("Basic", endpoint.Authorization!.Scheme);
        Assert.Equal("web:secret", Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization.Parameter!)));
    }

    [Fact]
    public void Endpoint_WithoutCredentials_SendsNoAuthorization()
    {
        var endpoint = RpcServerEndpoint.Resolve("http://127.0.0.1:8081", "/nonexistent", "rpc-credentials");

        Assert.Null(endpoint.Authorization);
    }
}
