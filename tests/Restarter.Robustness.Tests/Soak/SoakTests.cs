using System.Globalization;
using Xunit.Abstractions;

namespace Restarter.Robustness.Tests.Soak;

/// <summary>
/// A short soak in CI (20 s); soak/soak.sh runs the same for 30 minutes (<c>RESTARTER_SOAK_SECONDS</c>) and writes the
/// report to <c>RESTARTER_SOAK_REPORT</c>.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Load_with_a_bus_restart_in_the_middle_keeps_RSS_flat_and_has_no_error_but_the_expected_ones()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("RESTARTER_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 20;
        var run = new SoakRun
        {
            Duration = TimeSpan.FromSeconds(seconds),
            Connections = int.TryParse(Environment.GetEnvironmentVariable("RESTARTER_SOAK_CONNECTIONS"), CultureInfo.InvariantCulture, out var c) ? c : 32,
            SampleEvery = TimeSpan.FromSeconds(Math.Clamp(seconds / 60.0, 1, 30)),
        };
        await run.RunAsync();
        var report = run.Report();
        output.WriteLine(report);
        output.WriteLine(run.WrkOutput);
        if (Environment.GetEnvironmentVariable("RESTARTER_SOAK_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, report + "\n" + run.WrkOutput);
        }

        // No error but the expected ones: HTTP is always 200, the only unsuccessful answers are bus errors around the restart.
        Assert.True(run.Wrk.Requests > seconds * 50, $"only {run.Wrk.Requests} requests");
        Assert.Equal(0, run.Wrk.Non2xx);
        Assert.Equal(0, run.Wrk.SocketErrors);
        Assert.All(run.Outcomes.Keys, k => Assert.Contains(k, new[] { "queued", "bus-error" }));
        Assert.True(run.Outcomes.GetValueOrDefault("bus-error") > 0, "the bus restart was not seen");
        Assert.Equal(0, run.LateBusErrors);

        // RSS flat: the second half (after the bus restart) grows less than 25% over the first half's peak after warm-up.
        var samples = run.Rss.Where(r => r.RssKiB > 0).ToList();
        var warm = samples.Where(r => r.At > TimeSpan.FromSeconds(seconds / 4.0) && r.At < TimeSpan.FromSeconds(seconds / 2.0)).Select(r => r.RssKiB).DefaultIfEmpty(samples[0].RssKiB).Max();
        var last = samples[^1].RssKiB;
        Assert.True(last < warm * 1.25, $"RSS grew from {warm / 1024} MiB to {last / 1024} MiB");
    }
}
