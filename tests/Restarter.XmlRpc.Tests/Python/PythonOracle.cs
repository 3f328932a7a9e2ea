using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Restarter.XmlRpc.Tests.Python;

/// <summary>Runs Python's own <c>xmlrpc.client</c> (Python/xmlrpc_oracle.py under /usr/bin/python3) on a batch of requests.</summary>
internal static class PythonOracle
{
    public const string Interpreter = "/usr/bin/python3";

    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "Python", name);

    public static async Task<JsonArray> RunAsync(JsonArray requests)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath("xmlrpc_oracle.py"));
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(requests.ToJsonString());
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"python oracle failed: {await stderr}");
        return JsonNode.Parse(await stdout)!.AsArray();
    }

    public static byte[] Bytes(JsonNode answer) => Convert.FromBase64String((string)answer["bytes"]!);

    public static JsonObject Loads(byte[] document) => new() { ["op"] = "loads", ["data"] = Convert.ToBase64String(document) };

    public static string Describe(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
