using System.Diagnostics;
using Restarter.XmlRpc.Tests.Python;

namespace Restarter.XmlRpc.Tests.Client;

/// <summary>
/// Python's SimpleXMLRPCServer serving the seed's Service (Python/seed_server.py under /usr/bin/python3) on a free
/// loopback port, for as long as the test class runs.
/// </summary>
public sealed class PythonSeedServer : IAsyncLifetime
{
    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public int Port => Address.Port;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(PythonOracle.Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PythonOracle.ScriptPath("seed_server.py"));
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("port ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"seed_server.py did not start: '{line}'");
        }

        Address = new Uri($"http://127.0.0.1:{int.Parse(line.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture)}/");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        // Closing stdin makes the script exit; kill it if it does not.
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
