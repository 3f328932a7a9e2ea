using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Restarter.Robustness.Tests.Infrastructure;

/// <summary>A hand-driven TCP connection to the server, for requests no HTTP client would send.</summary>
public sealed class RawConnection : IDisposable
{
    private readonly TcpClient _client;
    private NetworkStream? _stream;

    private RawConnection(IPAddress? source)
    {
        // Bound to a source address of our choosing (any of 127/8 on Linux) to act as another client.
        _client = source is null ? new TcpClient() : new TcpClient(new IPEndPoint(source, 0));
        _client.NoDelay = true;
    }

    public NetworkStream Stream => _stream ?? throw new InvalidOperationException("not connected");

    /// <param name="source">The local address to connect from; the system's choice when null.</param>
    public static async Task<RawConnection> OpenAsync(Uri url, IPAddress? source = null)
    {
        var connection = new RawConnection(source);
        await connection._client.ConnectAsync(url.Host, url.Port);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    public async Task<bool> TrySendAsync(string text) => await TrySendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Sends; false when the server has closed or reset the connection.</summary>
    public async Task<bool> TrySendAsync(byte[] bytes)
    {
        try
        {
            await Stream.WriteAsync(bytes);
            await Stream.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Everything the server sends until it closes the connection (or <paramref name="timeout"/>, then what came so far and false).</summary>
    public async Task<(string Text, bool Closed)> ReadUntilClosedAsync(TimeSpan timeout)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var read = await Stream.ReadAsync(buffer, limit.Token);
                if (read == 0)
                {
                    return (Encoding.UTF8.GetString(received.ToArray()), true);
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return (Encoding.UTF8.GetString(received.ToArray()), false);
        }
        catch (IOException)
        {
            // Reset by the server: closed too.
            return (Encoding.UTF8.GetString(received.ToArray()), true);
        }
    }

    /// <summary>Reads until the response so far contains <paramref name="marker"/>, the connection closes, or the timeout.</summary>
    public async Task<string> ReadUntilAsync(string marker, TimeSpan timeout)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (!received.ToString().Contains(marker, StringComparison.Ordinal))
            {
                var read = await Stream.ReadAsync(buffer, limit.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }

        return received.ToString();
    }

    public void Dispose() => _client.Dispose();
}
