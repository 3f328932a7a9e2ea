using System.Net.Sockets;
using System.Text;

namespace Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

/// <summary>Bytes on a TCP socket, for requests HttpClient will not send (lying Content-Length, no Content-Length).</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/>, optionally half-closes, and returns what the server sent until it closed (or 5 s).</summary>
    public static async Task<string> ExchangeAsync(Uri server, string request, bool closeAfterSending = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        if (closeAfterSending)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (!closeAfterSending && LooksComplete(received))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static bool LooksComplete(MemoryStream received)
    {
        var text = Encoding.UTF8.GetString(received.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var header = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return header is not null && Encoding.UTF8.GetByteCount(text) - Encoding.UTF8.GetByteCount(text[..(end + 4)]) >= int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
