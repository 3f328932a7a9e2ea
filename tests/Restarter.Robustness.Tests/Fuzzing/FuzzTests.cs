using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>
/// The CI smoke run of the mutation fuzzer: a fixed seed and a few thousand cases (<c>RESTARTER_FUZZ_CASES</c> and
/// <c>RESTARTER_FUZZ_SEED</c> override both; fuzz/run-long.sh runs millions). A failing case is written to
/// <c>RESTARTER_FUZZ_FINDINGS</c> (default: the temp directory) so that it can be replayed.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public async Task Every_seed_behaves_as_its_name_says()
    {
        var harness = new FuzzHarness();
        var seeds = SeedCorpus.Load().ToDictionary(s => s.Name, s => s.Bytes);
        async Task<FuzzOutcome> Run(string name)
        {
            var outcome = await harness.RunAsync(seeds[name], 0);
            Assert.True(outcome.Violation is null, outcome.Violation);
            return outcome;
        }

        Assert.Equal(["1234"], (await Run("restart_unit-string")).Restarts);
        Assert.Equal(["4321"], (await Run("restart_unit-int")).Restarts);
        Assert.Equal(["1234"], (await Run("restart_unit-latin1")).Restarts);
        Assert.Equal(["1234", "5678"], (await Run("multicall")).Restarts);
        foreach (var refused in new[] { "restart_unit-five-digits", "restart_unit-letters", "restart_unit-newline", "restart_unit-arabic-digits",
                     "restart_unit-no-params", "restart_unit-two-params", "restart_unit-nil", "restart_unit-dtd-entity", "restart_unit-base64", "multicall-nested" })
        {
            Assert.True((await Run(refused)).Restarts.Count == 0, refused);
        }
    }

    [Fact]
    public async Task Mutated_requests_never_crash_hang_or_restart_what_was_not_asked()
    {
        var cases = Setting("RESTARTER_FUZZ_CASES", 5000);
        var seed = Setting("RESTARTER_FUZZ_SEED", 20230708);
        var corpus = SeedCorpus.Load();
        var mutator = new Mutator(seed, [.. corpus.Select(s => s.Bytes)]);
        var harness = new FuzzHarness();
        var violations = new List<(int Case, byte[] Body, string What)>();
        var restarted = new List<(byte[] Body, IReadOnlyList<string> Restarts)>();
        int parsed = 0, faults = 0;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < cases; i++)
        {
            var body = mutator.Next();
            var outcome = await harness.RunAsync(body, i);
            if (outcome.Violation is { } what)
            {
                violations.Add((i, body, what));
                continue;
            }

            parsed += outcome.Parsed ? 1 : 0;
            faults += outcome.Fault ? 1 : 0;
            if (outcome.Restarts.Count > 0)
            {
                restarted.Add((body, outcome.Restarts));
            }
        }

        // Every restart we made must also be asked for in Python's reading of the same bytes.
        var python = await PythonCrossCheck.RestartsAsync([.. restarted.Select(r => r.Body)]);
        for (var i = 0; i < restarted.Count; i++)
        {
            var (restarts, error) = python[i];
            var unasked = restarts is null ? restarted[i].Restarts.ToList() : MultisetMinus(restarted[i].Restarts, restarts);
            if (unasked.Count > 0)
            {
                violations.Add((-1, restarted[i].Body, $"restarted [{string.Join(", ", unasked)}] which Python does not read as asked ({error ?? "restarts: " + string.Join(", ", restarts!)})"));
            }
        }

        output.WriteLine($"seed {seed}: {cases} cases in {clock.Elapsed.TotalSeconds:0.0} s; {parsed} parsed as calls, {faults} answered with a fault, " +
                         $"{restarted.Count} restarted something (cross-checked with Python), {violations.Count} violations");
        foreach (var (number, body, what) in violations.Take(10))
        {
            output.WriteLine($"case {number}: {what}\n  body (base64): {Convert.ToBase64String(body)}");
        }

        Save(seed, violations);
        Assert.True(violations.Count == 0, $"{violations.Count} violations; first: {violations.FirstOrDefault().What}");

        // A fuzzer whose mutants never reach the dispatcher, or never restart, tests nothing: guard against that.
        Assert.True(parsed > cases / 10, $"only {parsed} of {cases} mutants parsed as calls");
        Assert.True(restarted.Count > cases / 100, $"only {restarted.Count} of {cases} mutants restarted something");
        Assert.True(faults > cases / 10, $"only {faults} of {cases} mutants were answered with a fault");
    }

    private static List<string> MultisetMinus(IReadOnlyList<string> ours, IReadOnlyList<string> theirs)
    {
        var left = theirs.ToList();
        return [.. ours.Where(id => !left.Remove(id))];
    }

    private static void Save(int seed, List<(int Case, byte[] Body, string What)> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        var directory = Environment.GetEnvironmentVariable("RESTARTER_FUZZ_FINDINGS") ?? Path.Combine(Path.GetTempPath(), "restarter-fuzz-findings");
        Directory.CreateDirectory(directory);
        foreach (var (number, body, what) in violations)
        {
            var name = Path.Combine(directory, $"seed{seed}-case{number}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))[..12]}");
            File.WriteAllBytes(name + ".xml", body);
            File.WriteAllText(name + ".txt", what);
        }
    }
}
