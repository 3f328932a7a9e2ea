using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Restarter.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>How the server process starts, listens and stops: socket activation, the one-line errors, SIGTERM.</summary>
public sealed class HostingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SystemdOnPrivateBus _env = null!;

    public async Task InitializeAsync() => _env = await SystemdOnPrivateBus.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Socket_activated_it_serves_the_socket_systemd_passes_as_fd_3()
    {
        _env.Systemd.AddUnit("example@1234.service");
        await using var server = await ServerProcess.StartSocketActivatedAsync([], new Dictionary<string, string> { ["Restarter__BusAddress"] = _env.Bus.Address });

        var clock = Stopwatch.StartNew();
        var answer = await PythonClient.RunAsync(server.BaseAddress!.ToString(), "out(proxy.restart_unit('1234'))");
        output.WriteLine($"socket-activated JIT server: first answer {clock.ElapsedMilliseconds} ms after the first connection (python start included)");

        Assert.Equal("""{"message": "success", "success": true}""", answer);
        Assert.Contains(server.Lines, l => l.EndsWith("Listening on 1 socket(s) passed by systemd (socket activation)", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Lines, l => l.Contains("localhost:5000", StringComparison.Ordinal));
        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task With_no_socket_and_no_url_it_exits_non_zero_with_one_line()
    {
        await using var server = await ServerProcess.StartAsync([], listen: false);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(server.Lines, l => l.Length > 0);
        Assert.StartsWith("Restarter.Server: nowhere to listen: no socket from systemd (LISTEN_FDS/LISTEN_PID) and no URL configured", line);
    }

    [Fact]
    public async Task A_socket_passed_to_another_process_is_not_taken_for_ours()
    {
        await using var server = await ServerProcess.StartAsync([], new Dictionary<string, string> { ["LISTEN_FDS"] = "1", ["LISTEN_PID"] = "1" }, listen: false);

        Assert.Equal(2, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(server.Lines, l => l.StartsWith("Restarter.Server: nowhere to listen", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("restarter-rpc", false, "Restarter.Server: Restarter:BasicAuthCredential names the systemd credential 'restarter-rpc', but $CREDENTIALS_DIRECTORY is not set")]
    [InlineData("restarter-rpc", true, "Restarter.Server: Restarter:BasicAuthCredential: cannot read ")]
    [InlineData("/nonexistent/rpc.credential", false, "Restarter.Server: Restarter:BasicAuthCredential: cannot read /nonexistent/rpc.credential")]
    public async Task A_credential_that_cannot_be_read_stops_the_start_with_one_line(string setting, bool withDirectory, string expected)
    {
        var directory = Directory.CreateTempSubdirectory("restarter-credentials-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["Restarter__BasicAuthCredential"] = setting };
            if (withDirectory)
            {
                environment["CREDENTIALS_DIRECTORY"] = directory;
            }

            await using var server = await ServerProcess.StartAsync(["--urls=http://127.0.0.1:0"], environment, listen: false);

            Assert.Equal(2, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            var line = Assert.Single(server.Lines, l => l.Length > 0);
            Assert.StartsWith(expected, line);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("secret-without-user")]
    [InlineData(":password")]
    [InlineData("user:")]
    [InlineData("")]
    public async Task A_credential_that_is_not_user_colon_password_stops_the_start(string content)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content);
            await using var server = await ServerProcess.StartAsync(
                ["--urls=http://127.0.0.1:0", "--Restarter:BasicAuthCredential=" + file], listen: false);

            Assert.Equal(2, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains(server.Lines, l => l == $"Restarter.Server: Restarter:BasicAuthCredential: the credential {file} must hold one line 'user:password' with a non-empty user and password");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_credential_given_as_a_path_works()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "ops:pa55\n");
            _env.Systemd.AddUnit("example@1234.service");
            await using var server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address, "--Restarter:BasicAuthCredential=" + file]);
            var url = server.BaseAddress!.ToString();

            var good = await PythonClient.RunAsync(url.Replace("http://", "http://ops:pa55@", StringComparison.Ordinal), "out(proxy.restart_unit('1234'))");
            var none = await PythonClient.RunAsync(url, "out(proxy.restart_unit('1234'))");

            Assert.Equal("""{"message": "success", "success": true}""", good);
            Assert.Equal("HTTP 401 Basic realm=\"Restarter\"", none);
            Assert.Contains(server.Lines, l => l.EndsWith("HTTP Basic authentication is on for user ops", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_a_credential_the_start_warns_that_anyone_can_call()
    {
        await using var server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address]);

        Assert.Contains(server.Lines, l => l.Contains("warn: Restarter.Server[4] HTTP Basic authentication is off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Restarter:UnitTemplate=example.service", "Restarter.Server: invalid configuration: Restarter:UnitTemplate 'example.service' must contain {id} exactly once")]
    [InlineData("--Kestrel:Limits:KeepAliveTimeout=00:00:00", "Restarter.Server: invalid configuration: Kestrel:Limits:KeepAliveTimeout must be positive")]
    public async Task Invalid_configuration_stops_the_start_with_one_line(string argument, string expected)
    {
        await using var server = await ServerProcess.StartAsync(["--urls=http://127.0.0.1:0", argument], listen: false);

        Assert.Equal(2, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(server.Lines, l => l.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_lets_a_call_in_flight_finish_then_exits_zero()
    {
        _env.Systemd.AddUnit("example@1234.service");
        _env.Systemd.ReplyDelay = call => call.Member == "RestartUnit" ? TimeSpan.FromSeconds(2) : TimeSpan.Zero;
        await using var server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address]);

        var call = RawXmlRpc.PostAsync(server.BaseAddress!, RawXmlRpc.Call("restart_unit", "<string>1234</string>"));
        while (!_env.Systemd.CallsOf("RestartUnit").Any())
        {
            await Task.Delay(20);
        }

        var clock = Stopwatch.StartNew();
        var exit = server.TerminateAsync(TimeSpan.FromSeconds(30));
        var answer = await call;

        Assert.Equal(RawXmlRpc.LegacyAnswer(true, "success"), answer.Body);
        Assert.Equal(0, await exit);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Contains(server.Lines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_sigterm_new_connections_are_refused()
    {
        await using var server = await ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address]);
        Assert.Equal(0, await server.TerminateAsync(TimeSpan.FromSeconds(30)));

        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, server.BaseAddress!.Port));
    }
}
