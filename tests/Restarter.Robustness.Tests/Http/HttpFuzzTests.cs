using System.Net;
using Restarter.Robustness.Tests.Fuzzing;
using Restarter.Robustness.Tests.Infrastructure;
using Restarter.XmlRpc;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Http;

/// <summary>
/// The mutation fuzzer's bodies sent to the real server process over HTTP: each gets 200 with a valid response or fault
/// (or a 4xx), and the stand-in systemd receives RestartUnit exactly for the running instances the request truly asks for.
/// </summary>
public sealed class HttpFuzzTests(RobustServer fixture, ITestOutputHelper output) : IClassFixture<RobustServer>
{
    // Every identifier the seeds and the mutator's fragments use is a running instance, so that valid ids do restart.
    private static readonly HashSet<string> Running = ["1234", "2222", "4321", "0000", "5678", "2468", "9999", "0042"];

    [Fact]
    public async Task Mutated_requests_over_HTTP_get_a_valid_answer_and_restart_only_what_they_ask()
    {
        await fixture.PrepareAsync();
        foreach (var id in Running)
        {
            fixture.Systemd.AddUnit($"example@{id}.service");
        }

        var cases = int.TryParse(Environment.GetEnvironmentVariable("RESTARTER_HTTP_FUZZ_CASES"), out var n) ? n : 1000;
        var mutator = new Mutator(20231031, [.. SeedCorpus.Load().Select(s => s.Bytes)]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var statuses = new Dictionary<HttpStatusCode, int>();
        var violations = new List<string>();
        var restarts = 0;

        for (var i = 0; i < cases; i++)
        {
            var body = mutator.Next();
            fixture.Systemd.Calls.Clear();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("text/xml");
            using var response = await http.PostAsync(fixture.BaseUrl, content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            XmlRpcMethodResponse? parsed = null;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                try
                {
                    parsed = await XmlRpcSerializer.ReadMethodResponseAsync(new MemoryStream(answer), new XmlRpcReaderOptions());
                }
                catch (XmlRpcFormatException e)
                {
                    violations.Add($"case {i}: 200 with an invalid response ({e.Message}) for {Convert.ToBase64String(body)}");
                }
            }
            else if ((int)response.StatusCode is < 400 or >= 500)
            {
                violations.Add($"case {i}: HTTP {(int)response.StatusCode} for {Convert.ToBase64String(body)}");
            }

            // What the request truly asks, by the oracle over our reader's parse (nothing when it does not parse).
            List<string> expected = [];
            try
            {
                var call = await XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(body), new XmlRpcReaderOptions());
                expected = [.. RestartOracle.ExpectedRestarts(call).Where(Running.Contains)];
            }
            catch (XmlRpcFormatException)
            {
            }

            if (parsed is { IsFault: true })
            {
                expected = [];
            }

            var restarted = fixture.RestartedIdentifiers();
            restarts += restarted.Count;
            if (!restarted.SequenceEqual(expected))
            {
                violations.Add($"case {i}: systemd restarted [{string.Join(", ", restarted)}], the request asks for [{string.Join(", ", expected)}]: {Convert.ToBase64String(body)}");
            }
        }

        output.WriteLine($"{cases} mutated requests: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"HTTP {(int)s.Key} x {s.Value}")) + $"; {restarts} restarts; {violations.Count} violations");
        foreach (var violation in violations.Take(10))
        {
            output.WriteLine(violation);
        }

        Assert.Empty(violations);
        Assert.True(restarts >= cases / 200, $"only {restarts} restarts in {cases} cases: the run tested little");
        Assert.True(await ServerStillAnswersAsync(), "the server no longer answers");
    }

    private async Task<bool> ServerStillAnswersAsync()
    {
        var call = new NormalCall(fixture.BaseUrl);
        return (await call.CallAsync()).Failure is null;
    }
}
