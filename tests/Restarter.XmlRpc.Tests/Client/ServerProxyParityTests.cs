using System.Diagnostics;
using System.Text.Json.Nodes;
using Restarter.XmlRpc.Client.Internal;
using Restarter.XmlRpc.Tests.Python;

namespace Restarter.XmlRpc.Tests.Client;

/// <summary>The URL a script gave Python's ServerProxy means the same to XmlRpcClient: same path, same Basic credentials.</summary>
public sealed class ServerProxyParityTests
{
    private static readonly string[] Urls =
    [
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8081/",
        "http://10.0.0.2:8081/RPC2",
        "http://web:secret@10.0.0.2:8081",
        "http://web:p%40ss%3Aword@127.0.0.1:8081/RPC2",
        "http://alice@127.0.0.1:8081/",
        "http://%C3%BCser:p%C3%A4ss%20w@host.example:80/x/y",
        "http://a:@127.0.0.1:1/",
        "https://user:pa%2Fss@example.org/rpc?x=1",
        "http://u:%FF%FE@127.0.0.1:1/",
    ];

    [Fact]
    public async Task Path_and_authorization_match_python()
    {
        var python = await AskPythonAsync();

        foreach (var answer in python)
        {
            var url = (string)answer!["url"]!;
            var address = EndpointAddress.Parse(new Uri(url));
            Assert.True((string?)answer["handler"] == address.RequestUri.PathAndQuery, $"{url}: python posts to {answer["handler"]}, we to {address.RequestUri.PathAndQuery}");
            Assert.True((string?)answer["authorization"] == address.Authorization, $"{url}: python sends {answer["authorization"]}, we {address.Authorization}");
            var pythonHost = (string)answer["host"]!;
            Assert.Equal(pythonHost, pythonHost.Contains(':') ? $"{address.RequestUri.Host}:{address.RequestUri.Port}" : address.RequestUri.Host);
        }

        Assert.Equal(Urls.Length, python.Count);
    }

    private static async Task<JsonArray> AskPythonAsync()
    {
        var start = new ProcessStartInfo(PythonOracle.Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PythonOracle.ScriptPath("server_proxy_address.py"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(string.Join('\n', Urls));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        return JsonNode.Parse(await stdout)!.AsArray();
    }
}
