using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Restarter.Web.Tests.Infrastructure;

namespace Restarter.Web.Tests;

/// <summary>The real program: configuration errors, the adduser command, and socket activation as a .socket unit does it.</summary>
public sealed class HostingTests
{
    private static readonly string AppDll = Path.Combine(AppContext.BaseDirectory, "Restarter.Web.dll");

    [Fact]
    public async Task Program_WithoutRpcServer_ExitsWithOneLine_NoStackTrace()
    {
        var (code, _, error) = await RunAppAsync([], new Dictionary<string, string?> { ["RPC_SERVER"] = null, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" });

        Assert.Equal(78, code);
        Assert.StartsWith("Restarter.Web: No RPC server is configured: set the environment variable RPC_SERVER", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Program_AddUser_ReadsThePasswordFromStandardInput()
    {
        var usersFile = Path.Combine(Path.GetTempPath(), $"restarter-users-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = await RunAppAsync(["adduser", "erin", "--ids", "0001,0002"], new Dictionary<string, string?> { ["Restarter__UsersFile"] = usersFile }, "pa55word\n");

            Assert.True(code == 0, error);
            Assert.Contains("erin may restart 0001, 0002", output);
            var user = Assert.Single(Users.UsersFile.Read(usersFile).Users);
            Assert.Equal(["0001", "0002"], user.Ids);
        }
        finally
        {
            File.Delete(usersFile);
        }
    }

    [Fact]
    public async Task SocketActivated_ServesTheLegacyRoute_OnThePassedSocket()
    {
        await using var rpc = await FakeRestartServer.StartAsync();
        var port = RpcFailureTests.ClosedLoopbackPort();
        var start = new ProcessStartInfo("systemd-socket-activate")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-l", $"127.0.0.1:{port}", "-E", $"RPC_SERVER={rpc.Address}", "-E", "DOTNET_NOLOGO=1", "dotnet", AppDll })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            // Once systemd-socket-activate listens, the first request waits in the backlog until Kestrel accepts it.
            await WaitUntilListeningAsync(port);
            using var response = await client.PostAsync("/restart", Forms.Fields(("service_id", "1234"))).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"success\": true, \"message\": \"success\"}", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task UnderSystemd_NotifiesReady_OnceListening()
    {
        // What Type=notify in restarter-web.service waits for: READY=1 on $NOTIFY_SOCKET after Kestrel listens.
        var socketPath = Path.Combine(Path.GetTempPath(), $"restarter-notify-{Guid.NewGuid():N}.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        await using var rpc = await FakeRestartServer.StartAsync();
        var port = RpcFailureTests.ClosedLoopbackPort();

        // Microsoft.Extensions.Hosting.Systemd believes it runs under systemd when its parent process is named
        // "systemd": coreutils' timeout, copied under that name, is a parent that forks the app and waits for it.
        var parentDirectory = Directory.CreateTempSubdirectory("restarter-fake-systemd-");
        var parent = Path.Combine(parentDirectory.FullName, "systemd");
        File.Copy("/usr/bin/timeout", parent);
        var start = new ProcessStartInfo(parent) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "120", "dotnet", AppDll })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["RPC_SERVER"] = rpc.Address.ToString();
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        try
        {
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var message = System.Text.Encoding.UTF8.GetString(buffer, 0, received);

            Assert.Contains("READY=1", message.Split('\n'));
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, port);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            File.Delete(socketPath);
            parentDirectory.Delete(recursive: true);
        }
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAppAsync(string[] args, Dictionary<string, string?> environment, string input = "")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}
