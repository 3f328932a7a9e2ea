using Restarter.Server.Tests.Infrastructure;
using Restarter.Web.Users;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>
/// The real web front end as a process of its own (the built Restarter.Web: its Program.cs, Kestrel, logging), on a free
/// loopback port, with login on (a users file written by its own <c>adduser</c> code) and pointed at an RPC server.
/// </summary>
public sealed class WebFrontEnd : IAsyncDisposable
{
    private readonly string _directory;

    private WebFrontEnd(ServerProcess process, string directory)
    {
        Process = process;
        _directory = directory;
    }

    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "Restarter.Web.dll");

    public ServerProcess Process { get; }

    public Uri BaseUrl => Process.BaseAddress!;

    public static async Task<WebFrontEnd> StartAsync(Uri rpcServer, IEnumerable<(string Name, string Password, string Ids)> users, params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "restarter-web-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var usersFile = Path.Combine(directory, "users.json");
        foreach (var (name, password, ids) in users)
        {
            var error = new StringWriter();
            var code = await AddUserCommand.RunAsync(["--users-file", usersFile, name, "--ids", ids], null, new StringReader(password + "\n"), TextWriter.Null, error);
            Assert.True(code == 0, error.ToString());
        }

        var process = await ServerProcess.StartAssemblyAsync(
            Assembly,
            [
                "--Restarter:RpcServer=" + rpcServer,
                "--Restarter:UsersFile=" + usersFile,
                "--Restarter:DataProtectionKeysDirectory=" + Path.Combine(directory, "keys"),
                .. arguments,
            ],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" });
        return new WebFrontEnd(process, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
