using System.Diagnostics;
using System.Globalization;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>
/// What a legitimate client does while an attack runs: <c>restart_unit</c> over a NEW connection each time (a pooled
/// connection opened before the attack would prove nothing), timed by curl in its own process, so that the time is the
/// server's answer and not this test process's thread pool, busy with hundreds of attacking connections.
/// </summary>
public sealed class NormalCall
{
    public const string Identifier = "1234";

    private readonly Uri _url;

    public NormalCall(Uri url) => _url = url;

    public static string Document(string identifier) =>
        $"<?xml version='1.0'?>\n<methodCall>\n<methodName>restart_unit</methodName>\n<params>\n<param>\n<value><string>{identifier}</string></value>\n</param>\n</params>\n</methodCall>\n";

    /// <summary>One call; the elapsed time (curl's, connect to last byte), and the failure if it did not get the legacy success answer.</summary>
    public async Task<(TimeSpan Elapsed, string? Failure)> CallAsync(string identifier = Identifier)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-sS", "--max-time", "10", "--connect-timeout", "5", "-H", "Content-Type: text/xml",
                     "--data-binary", "@-", "-w", "\n%{http_code} %{time_total}", _url.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        var wall = Stopwatch.StartNew();
        using var curl = Process.Start(start) ?? throw new InvalidOperationException("curl did not start");
        await curl.StandardInput.WriteAsync(Document(identifier));
        curl.StandardInput.Close();
        var output = curl.StandardOutput.ReadToEndAsync();
        var error = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        var text = await output;

        var trailer = text.LastIndexOf('\n');
        var fields = text[(trailer + 1)..].Split(' ');
        var body = trailer < 0 ? "" : text[..trailer];
        var elapsed = fields.Length == 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : wall.Elapsed;
        if (curl.ExitCode != 0)
        {
            return (elapsed, $"curl exit {curl.ExitCode}: {(await error).Trim()}");
        }

        return fields[0] == "200" && body.Contains("<name>success</name>\n<value><boolean>1</boolean>", StringComparison.Ordinal)
            ? (elapsed, null)
            : (elapsed, $"HTTP {fields[0]}: {body}");
    }

    /// <summary>Calls every <paramref name="interval"/> until <paramref name="stop"/> is cancelled; all results.</summary>
    public async Task<List<(TimeSpan Elapsed, string? Failure)>> ProbeAsync(TimeSpan interval, CancellationToken stop)
    {
        var results = new List<(TimeSpan, string?)>();
        while (!stop.IsCancellationRequested)
        {
            results.Add(await CallAsync());
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return results;
    }
}
