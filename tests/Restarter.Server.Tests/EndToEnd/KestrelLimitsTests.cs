using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>Kestrel's limits as the server sets them by default, and as <c>Kestrel:Limits</c> configures them, seen from raw sockets.</summary>
public sealed class KestrelLimitsTests : IAsyncLifetime
{
    private SystemdOnPrivateBus _env = null!;

    public async Task InitializeAsync() => _env = await SystemdOnPrivateBus.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task By_default_headers_over_16_KB_get_431_and_a_body_over_1_MiB_gets_413()
    {
        // Kestrel:Limits:MaxRequestBodySize and XmlRpc:MaxRequestBodyBytes are both 1 MiB; the endpoint sets its own per request.
        await using var server = await StartAsync();

        var headers = await SendAsync(server, $"POST / HTTP/1.1\r\nHost: x\r\nX-Padding: {new string('a', 17 * 1024)}\r\nContent-Length: 0\r\n\r\n", TimeSpan.FromSeconds(10));
        var big = await SendAsync(server, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 1048577\r\n\r\n<", TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        var fits = await http.PostAsync(server.BaseAddress, new StringContent(RawXmlRpc.Call("restart_unit", "<string>" + new string('1', 1000) + "</string>"), Encoding.UTF8, "text/xml"));

        Assert.StartsWith("HTTP/1.1 431 ", headers.Text);
        Assert.StartsWith("HTTP/1.1 413 ", big.Text);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_configured_timeout()
    {
        await using var server = await StartAsync("--Kestrel:Limits:KeepAliveTimeout=00:00:02");
        var request = RawXmlRpc.Call("restart_unit", "<string>x</string>");

        var result = await SendAsync(server, $"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: {request.Length}\r\n\r\n{request}", TimeSpan.FromSeconds(15));

        Assert.StartsWith("HTTP/1.1 200 ", result.Text);
        Assert.True(result.Closed);
        Assert.InRange(result.SinceFirstByte, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task Headers_that_do_not_arrive_in_time_end_the_connection()
    {
        await using var server = await StartAsync("--Kestrel:Limits:RequestHeadersTimeout=00:00:02");

        var result = await SendAsync(server, "POST / HTTP/1.1\r\nHost: x\r\n", TimeSpan.FromSeconds(15));

        Assert.True(result.Closed);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(12));
        Assert.DoesNotContain("200 OK", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_trickles_in_slower_than_the_minimum_rate_is_aborted()
    {
        await using var server = await StartAsync("--Kestrel:Limits:MinRequestBodyDataRate:GracePeriod=00:00:02");
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.BaseAddress!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<"));

        var clock = Stopwatch.StartNew();
        var aborted = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && !aborted)
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray());
                await Task.Delay(500);
                aborted = client.Client.Poll(0, SelectMode.SelectRead) && client.Available == 0;
            }
            catch (IOException)
            {
                aborted = true;
            }
        }

        Assert.True(aborted, "the server kept a body arriving at 2 bytes per second");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Connections_beyond_the_configured_maximum_are_closed_at_once()
    {
        await using var server = await StartAsync("--Kestrel:Limits:MaxConcurrentConnections=2");
        using var first = new TcpClient();
        using var second = new TcpClient();
        await first.ConnectAsync(IPAddress.Loopback, server.BaseAddress!.Port);
        await second.ConnectAsync(IPAddress.Loopback, server.BaseAddress!.Port);
        await Task.Delay(300);

        var third = await SendAsync(server, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", TimeSpan.FromSeconds(5));

        Assert.True(third.Closed);
        Assert.Equal("", third.Text);
        Assert.True(third.Elapsed < TimeSpan.FromSeconds(3), $"closed after {third.Elapsed}");
    }

    private Task<ServerProcess> StartAsync(params string[] arguments) =>
        ServerProcess.StartAsync(["--Restarter:BusAddress=" + _env.Bus.Address, .. arguments]);

    /// <summary>Sends <paramref name="text"/> on a new connection and reads until the server closes it or the wait ends.</summary>
    private static async Task<(string Text, bool Closed, TimeSpan Elapsed, TimeSpan SinceFirstByte)> SendAsync(ServerProcess server, string text, TimeSpan wait)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.BaseAddress!.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        var received = new MemoryStream();
        var firstByte = TimeSpan.Zero;
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
            using var limit = new CancellationTokenSource(wait);
            var buffer = new byte[8192];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, limit.Token);
                if (read == 0)
                {
                    return (Encoding.ASCII.GetString(received.ToArray()), true, clock.Elapsed, clock.Elapsed - firstByte);
                }

                if (received.Length == 0)
                {
                    firstByte = clock.Elapsed;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return (Encoding.ASCII.GetString(received.ToArray()), false, clock.Elapsed, clock.Elapsed - firstByte);
        }
        catch (IOException)
        {
            return (Encoding.ASCII.GetString(received.ToArray()), true, clock.Elapsed, clock.Elapsed - firstByte);
        }
    }
}
