using System.Diagnostics;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>
/// A real <c>dbus-daemon</c> on a unix socket in a temporary directory, started for one test and killed at its end.
/// It can be killed and started again at the same address, as when the system bus restarts.
/// </summary>
public sealed class PrivateBus : IAsyncDisposable
{
    private Process? _daemon;

    private PrivateBus(string directory)
    {
        Directory = directory;
        SocketPath = Path.Combine(directory, "bus.socket");
        ConfigPath = Path.Combine(directory, "bus.conf");
        File.WriteAllText(ConfigPath, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>custom</type>
              <listen>unix:path={SocketPath}</listen>
              <auth>EXTERNAL</auth>
              <!-- the system bus's default (dbus-daemon 1.14): a client with more calls in flight gets LimitsExceeded -->
              <limit name="max_replies_per_connection">128</limit>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
              </policy>
            </busconfig>
            """);
    }

    public string Directory { get; }

    public string SocketPath { get; }

    public string ConfigPath { get; }

    public string Address => "unix:path=" + SocketPath;

    public static async Task<PrivateBus> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "restarter-bus-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var bus = new PrivateBus(directory);
        await bus.StartDaemonAsync();
        return bus;
    }

    /// <summary>Kills the daemon (SIGKILL): every connection drops at once.</summary>
    public async Task KillAsync()
    {
        if (_daemon is { } daemon)
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
            daemon.Dispose();
            _daemon = null;
        }
    }

    /// <summary>Starts a new daemon at the same address.</summary>
    public Task RestartAsync() => StartDaemonAsync();

    private async Task StartDaemonAsync()
    {
        var start = new ProcessStartInfo("dbus-daemon", ["--config-file=" + ConfigPath, "--print-address", "--nofork"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var daemon = Process.Start(start) ?? throw new InvalidOperationException("dbus-daemon did not start");
        daemon.ErrorDataReceived += static (_, _) => { };
        daemon.BeginErrorReadLine();
        var printed = await daemon.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (printed is null || !printed.StartsWith(Address, StringComparison.Ordinal))
        {
            daemon.Kill();
            throw new InvalidOperationException($"dbus-daemon printed '{printed}', expected {Address}");
        }

        _daemon = daemon;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
