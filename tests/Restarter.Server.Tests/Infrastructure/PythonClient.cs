using System.Diagnostics;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>
/// Runs Python's own <c>xmlrpc.client.ServerProxy</c> (Debian's /usr/bin/python3), as the legacy web app and users'
/// scripts call the server. The script gets the URL as <c>sys.argv[1]</c> and <c>proxy</c> ready made; what it prints
/// (usually <c>out(value)</c>, JSON) is returned. Faults print <c>FAULT code text</c>, HTTP errors <c>HTTP status</c>.
/// </summary>
public static class PythonClient
{
    private const string Prelude = """
        import json, sys, xmlrpc.client
        proxy = xmlrpc.client.ServerProxy(sys.argv[1])
        def out(value):
            print(json.dumps(value, sort_keys=True, ensure_ascii=True))
        try:
        """;

    private const string Epilogue = """

        except xmlrpc.client.Fault as f:
            print("FAULT", f.faultCode, f.faultString)
        except xmlrpc.client.ProtocolError as e:
            print("HTTP", e.errcode, e.headers.get("WWW-Authenticate", ""))
        """;

    /// <summary>Runs <paramref name="body"/> (one or more lines, indented by us) against <paramref name="url"/>.</summary>
    public static async Task<string> RunAsync(string url, string body)
    {
        var indented = string.Join('\n', body.Split('\n').Select(line => "    " + line));
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Prelude + "\n" + indented + Epilogue);
        start.ArgumentList.Add(url);
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(limit.Token);
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({python.ExitCode}): {await error}");
        }

        return (await output).TrimEnd('\n');
    }
}
