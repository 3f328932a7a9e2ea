using System.Diagnostics;
using System.Globalization;

namespace Restarter.Web.Tests.Infrastructure;

/// <summary>The legacy Python restart server (Python/legacy_server.py under /usr/bin/python3) on a free loopback port.</summary>
public sealed class LegacyPythonServer : IAsyncDisposable
{
    private readonly Process _process;

    private LegacyPythonServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LegacyPythonServer> StartAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Python", "legacy_server.py"));
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("port ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"legacy_server.py did not start: '{line}'");
        }

        return new LegacyPythonServer(process, new Uri($"http://127.0.0.1:{int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture)}"));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
