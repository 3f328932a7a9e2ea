using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>
/// Type=notify: started by a parent whose name is <c>systemd</c> (how Microsoft.Extensions.Hosting.Systemd recognises
/// systemd: <c>/proc/&lt;ppid&gt;/comm</c>) with a NOTIFY_SOCKET, the server sends READY=1 once it listens and
/// STOPPING=1 on SIGTERM, and logs in systemd's format.
/// </summary>
public sealed class SystemdNotifyTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("restarter-notify-").FullName;
    private SystemdOnPrivateBus _env = null!;

    public async Task InitializeAsync() => _env = await SystemdOnPrivateBus.StartAsync();

    public async Task DisposeAsync()
    {
        await _env.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Under_systemd_it_notifies_ready_when_listening_and_stopping_on_sigterm()
    {
        var notifyPath = Path.Combine(_directory, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        var port = ServerProcess.FreePort();

        // A stand-in "systemd" parent: python3 started through a symlink named systemd, running the server as its child.
        var parent = Path.Combine(_directory, "systemd");
        File.CreateSymbolicLink(parent, "/usr/bin/python3");
        var start = new ProcessStartInfo(parent) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)");
        start.ArgumentList.Add(ServerProcess.DotnetHost);
        start.ArgumentList.Add(ServerProcess.ServerAssembly);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add("--Restarter:BusAddress=" + _env.Bus.Address);
        start.Environment["NOTIFY_SOCKET"] = notifyPath;
        foreach (var name in (string[])["LISTEN_PID", "LISTEN_FDS", "JOURNAL_STREAM", "CREDENTIALS_DIRECTORY"])
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var buffer = new byte[256];
            var ready = await notify.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("READY=1", Encoding.ASCII.GetString(buffer, 0, ready));
            var answer = await PythonClient.RunAsync($"http://127.0.0.1:{port}", "out(proxy.restart_unit('12x4'))");
            Assert.Equal("""{"message": "invalid identifier", "success": false}""", answer);

            var server = Process.GetProcesses().Single(p => SafeParent(p) == process.Id);
            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var stopping = await notify.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("STOPPING=1", Encoding.ASCII.GetString(buffer, 0, stopping));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            lock (output)
            {
                Assert.Contains("<4>Restarter.Audit[101] audit restart_unit client=127.0.0.1:", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int SafeParent(Process process)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
