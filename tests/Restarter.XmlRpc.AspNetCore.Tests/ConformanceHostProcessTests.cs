using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

namespace Restarter.XmlRpc.AspNetCore.Tests;

/// <summary>The conformance host as interop scripts start it: its own process, address from --urls or ASPNETCORE_URLS.</summary>
public sealed class ConformanceHostProcessTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Listens_where_urls_or_ASPNETCORE_URLS_say(bool commandLine)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConformanceHost.dll"));
        start.Environment.Remove("ASPNETCORE_URLS");
        if (commandLine)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        else
        {
            start.Environment["ASPNETCORE_URLS"] = url;
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = await Python.RunAsync("wait_and_list.py", url + "/RPC2");
            Assert.Contains("'validator1.simpleStructReturnTest'", output, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
