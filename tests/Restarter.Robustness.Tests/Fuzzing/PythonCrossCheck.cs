using System.Diagnostics;
using System.Text.Json;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>
/// A second, independent judge for the cases that restarted something: Python's <c>xmlrpc.client.loads</c> (expat)
/// parses the same bytes, and the restarts it finds asked for (same rule: restart_unit, one str or int parameter whose
/// text is four ASCII digits, directly or in a multicall) must include every restart we made.
/// </summary>
public static class PythonCrossCheck
{
    private const string Script = """
        import base64, json, re, sys, xmlrpc.client
        FOUR = re.compile(r'\A[0-9]{4}\Z')
        def ids(params):
            if len(params) != 1: return []
            p = params[0]
            if isinstance(p, bool) or not isinstance(p, (str, int)): return []
            return [str(p)] if FOUR.match(str(p)) else []
        out = []
        for doc in json.load(sys.stdin):
            try:
                params, method = xmlrpc.client.loads(base64.b64decode(doc))
            except Exception as e:
                out.append({"error": type(e).__name__ + ": " + str(e)[:200]}); continue
            found = []
            if method == "restart_unit":
                found = ids(params)
            elif method == "system.multicall" and len(params) == 1 and isinstance(params[0], list):
                for entry in params[0]:
                    if isinstance(entry, dict) and entry.get("methodName") == "restart_unit" and isinstance(entry.get("params"), list):
                        found += ids(entry["params"])
            out.append({"restarts": found})
        json.dump(out, sys.stdout)
        """;

    /// <summary>For each document: the restarts Python finds asked for, or Python's parse error.</summary>
    public static async Task<IReadOnlyList<(IReadOnlyList<string>? Restarts, string? Error)>> RestartsAsync(IReadOnlyList<byte[]> documents)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/python3 did not start");
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(documents.Select(Convert.ToBase64String).ToArray()));
        python.StandardInput.Close();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({python.ExitCode}): {await stderr}");
        }

        using var answers = JsonDocument.Parse(await stdout);
        return [.. answers.RootElement.EnumerateArray().Select(answer => answer.TryGetProperty("error", out var error)
            ? ((IReadOnlyList<string>?)null, error.GetString())
            : ([.. answer.GetProperty("restarts").EnumerateArray().Select(id => id.GetString()!)], null))];
    }
}
