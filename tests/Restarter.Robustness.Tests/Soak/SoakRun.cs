using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Restarter.Robustness.Tests.Infrastructure;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Robustness.Tests.Soak;

/// <summary>
/// wrk at a number of connections against the real server process, restart_unit on a running instance, with the bus
/// killed and restarted in the middle; the server's RSS sampled from /proc, its audit lines counted by outcome (without
/// keeping them: a long run writes millions).
/// </summary>
public sealed partial class SoakRun
{
    public required TimeSpan Duration { get; init; }

    public int Connections { get; init; } = 32;

    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(5);

    public List<(TimeSpan At, long RssKiB)> Rss { get; } = [];

    public Dictionary<string, long> Outcomes { get; } = [];

    /// <summary>bus-error outcomes logged later than 5 s after the bus came back: the server failed to recover.</summary>
    public long LateBusErrors { get; private set; }

    public TimeSpan BusKilledAt { get; private set; }

    public TimeSpan BusBackAt { get; private set; }

    public string WrkOutput { get; private set; } = "";

    public WrkSummary Wrk { get; private set; } = null!;

    public async Task RunAsync()
    {
        await using var env = await SystemdOnPrivateBus.StartAsync();
        env.Systemd.AddUnit("example@1234.service");
        var clock = Stopwatch.StartNew();
        var outcomeLock = new Lock();
        var backAt = TimeSpan.MaxValue;

        var start = new ProcessStartInfo(ServerProcess.DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ServerProcess.ServerAssembly, "--urls=http://127.0.0.1:0", "--Restarter:BusAddress=" + env.Bus.Address, "--Restarter:CallTimeout=00:00:03" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        using var server = new Process { StartInfo = start };
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (ListeningLine().Match(line) is { Success: true } url)
            {
                listening.TrySetResult(url.Groups[1].Value);
            }
            else if (OutcomeField().Match(line) is { Success: true } outcome)
            {
                lock (outcomeLock)
                {
                    var key = outcome.Groups[1].Value;
                    Outcomes[key] = Outcomes.GetValueOrDefault(key) + 1;
                    if (key == "bus-error" && clock.Elapsed - TimeSpan.FromSeconds(5) > backAt)
                    {
                        LateBusErrors++;
                    }
                }
            }
        }

        server.OutputDataReceived += (_, e) => Receive(e.Data);
        server.ErrorDataReceived += (_, e) => Receive(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var script = Path.Combine(Path.GetTempPath(), $"restarter-soak-{Environment.ProcessId}.lua");
            await File.WriteAllTextAsync(script, WrkScript);

            clock.Restart();
            var wrk = RunWrkAsync(url, script);
            using var stop = new CancellationTokenSource();
            var sampling = SampleAsync(server.Id, clock, env, stop.Token);

            await Task.Delay(Duration / 2);
            BusKilledAt = clock.Elapsed;
            await env.Bus.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await env.RestartBusAfterKillAsync();
            BusBackAt = clock.Elapsed;
            lock (outcomeLock)
            {
                backAt = BusBackAt;
            }

            WrkOutput = await wrk;
            Wrk = WrkSummary.Parse(WrkOutput);
            stop.Cancel();
            await sampling;
            Rss.Add((clock.Elapsed, ReadRssKiB(server.Id)));
            File.Delete(script);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
                await server.WaitForExitAsync();
            }
        }
    }

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"duration {Duration.TotalSeconds:0} s, {Connections} connections (wrk -t2), bus killed at {BusKilledAt.TotalSeconds:0.0} s and back at {BusBackAt.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"wrk: {Wrk.Requests} requests, {Wrk.RequestsPerSecond:0} req/s, latency p50 {Wrk.P50} p99 {Wrk.P99} max {Wrk.Max}, non-2xx {Wrk.Non2xx}, socket errors {Wrk.SocketErrors}");
        text.AppendLine("audit outcomes: " + string.Join(", ", Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) + $"; bus errors later than 5 s after the bus came back: {LateBusErrors}");
        text.AppendLine("RSS (MiB) every sample: " + string.Join(" ", Rss.Select(r => (r.RssKiB / 1024.0).ToString("0", CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    private async Task<string> RunWrkAsync(string url, string script)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", $"-c{Connections}", $"-d{(int)Duration.TotalSeconds}s", "--latency", "--timeout", "5s", "-s", script, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var stdout = wrk.StandardOutput.ReadToEndAsync();
        var stderr = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return await stdout + await stderr;
    }

    private async Task SampleAsync(int pid, Stopwatch clock, SystemdOnPrivateBus env, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Rss.Add((clock.Elapsed, ReadRssKiB(pid)));

            // The stand-in systemd records every call; a long run would fill the test process's memory.
            env.Systemd.Calls.Clear();
            try
            {
                await Task.Delay(SampleEvery, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static long ReadRssKiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static string WrkScript => $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "text/xml"
        wrk.body = [[{{NormalCall.Document("1234")}}]]
        """;

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"audit restart_unit .* outcome=([a-z-]+) ")]
    private static partial Regex OutcomeField();
}
