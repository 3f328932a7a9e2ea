using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>
/// The real server process (its own Program.cs and Kestrel limits as shipped) on loopback, against the stand-in systemd
/// on a private dbus-daemon. <see cref="Prepare"/> gives each test a clean systemd with running instances 1234, 2222, 4321.
/// </summary>
public class RobustServer : ServerOnPrivateBus
{
    public Uri BaseUrl => Server.BaseAddress!;

    /// <summary>A clean stand-in systemd with running instances, and one call already made (JIT, bus connection) that restarts nothing.</summary>
    public async Task PrepareAsync()
    {
        Reset();
        foreach (var id in new[] { "1234", "2222", "4321" })
        {
            Systemd.AddUnit($"example@{id}.service");
        }

        var warmUp = new NormalCall(BaseUrl);
        await warmUp.CallAsync("0000");
        Systemd.Calls.Clear();
    }

    /// <summary>The identifiers of every RestartUnit the stand-in systemd received, in order.</summary>
    public List<string> RestartedIdentifiers() =>
        [.. Systemd.CallsOf("RestartUnit").Select(c => c.FirstArgument!["example@".Length..^".service".Length])];

    /// <summary>The audit lines of <paramref name="method"/>, without the warm-up call's.</summary>
    public IEnumerable<string> AuditLines(string method = "restart_unit") =>
        Server.Lines.Where(l => l.Contains($"audit {method} ", StringComparison.Ordinal) && !l.Contains("identifier=\"0000\"", StringComparison.Ordinal));
}
