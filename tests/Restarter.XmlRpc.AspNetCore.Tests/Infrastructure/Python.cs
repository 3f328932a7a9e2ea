using System.Diagnostics;

namespace Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

/// <summary>Runs Debian's /usr/bin/python3 (the interpreter with the legacy service's standard library).</summary>
public static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Python", name);

    /// <summary>Runs a script and returns its standard output; fails the test with its standard error on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 60 s: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"{script} failed ({process.ExitCode}):\n{await stderr}\n{await stdout}");
        return await stdout;
    }
}
