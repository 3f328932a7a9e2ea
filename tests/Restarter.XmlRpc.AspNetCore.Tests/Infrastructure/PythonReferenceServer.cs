using System.Diagnostics;

namespace Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Python's own <c>SimpleXMLRPCServer</c> serving what the conformance host serves (Python/reference_server.py),
/// to compare our bytes with. Started once per test class that uses it.
/// </summary>
public sealed class PythonReferenceServer : IAsyncLifetime
{
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(Python.Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Python.Script("reference_server.py"));
        _process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("reference_server.py exited: " + await _process.StandardError.ReadToEndAsync(timeout.Token));
        BaseAddress = new Uri($"http://127.0.0.1:{int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)}/");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}
