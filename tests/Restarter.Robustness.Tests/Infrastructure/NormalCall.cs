using System.Diagnostics;
using System.Net;
using System.Text;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>
/// What a legitimate client does while an attack runs: <c>restart_unit</c> over a NEW connection each time (a pooled
/// connection opened before the attack would prove nothing), timed.
/// </summary>
public sealed class NormalCall : IDisposable
{
    public const string Identifier = "1234";

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly Uri _url;

    public NormalCall(Uri url) => _url = url;

    public static string Document(string identifier) =>
        $"<?xml version='1.0'?>\n<methodCall>\n<methodName>restart_unit</methodName>\n<params>\n<param>\n<value><string>{identifier}</string></value>\n</param>\n</params>\n</methodCall>\n";

    /// <summary>One call; the elapsed time, and the failure if it did not get the legacy success answer.</summary>
    public async Task<(TimeSpan Elapsed, string? Failure)> CallAsync(string identifier = Identifier)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(Document(identifier), Encoding.UTF8, "text/xml");
            using var response = await _http.PostAsync(_url, content);
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            return response.StatusCode == HttpStatusCode.OK && body.Contains("<name>success</name>\n<value><boolean>1</boolean>", StringComparison.Ordinal)
                ? (clock.Elapsed, null)
                : (clock.Elapsed, $"HTTP {(int)response.StatusCode}: {body}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
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

    public void Dispose() => _http.Dispose();
}
