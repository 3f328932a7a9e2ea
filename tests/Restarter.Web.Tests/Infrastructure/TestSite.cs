namespace Restarter.Web.Tests.Infrastructure;

/// <summary>A fake restart server on loopback and the web app pointed at it through the legacy RPC_SERVER setting.</summary>
public sealed class TestSite : IAsyncDisposable
{
    private TestSite(FakeRestartServer rpc, WebAppFactory web, string? usersFile)
    {
        Rpc = rpc;
        Web = web;
        UsersFile = usersFile;
    }

    public FakeRestartServer Rpc { get; }

    public WebAppFactory Web { get; }

    public string? UsersFile { get; }

    public static async Task<TestSite> StartAsync(bool login = false, Action<Dictionary<string, string?>>? configure = null)
    {
        var rpc = await FakeRestartServer.StartAsync();
        string? usersFile = null;
        var settings = new Dictionary<string, string?> { ["RPC_SERVER"] = rpc.Address.ToString(), ["Restarter:RpcTimeout"] = "00:00:02" };
        if (login)
        {
            usersFile = Path.Combine(Path.GetTempPath(), $"restarter-users-{Guid.NewGuid():N}.json");
            await AddUserAsync(usersFile, "alice", "correct horse", "0001,1234");
            await AddUserAsync(usersFile, "bob", "battery staple", "4321");
            settings["Restarter:UsersFile"] = usersFile;
        }

        configure?.Invoke(settings);
        return new TestSite(rpc, new WebAppFactory(settings), usersFile);
    }

    public static async Task AddUserAsync(string usersFile, string name, string password, string ids)
    {
        var error = new StringWriter();
        var code = await Users.AddUserCommand.RunAsync(["--users-file", usersFile, name, "--ids", ids], null, new StringReader(password + "\n"), TextWriter.Null, error);
        Assert.True(code == 0, error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Rpc.DisposeAsync();
        if (UsersFile is not null)
        {
            File.Delete(UsersFile);
        }
    }
}
