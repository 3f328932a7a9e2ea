namespace Restarter.XmlRpc;

/// <summary>
/// Settings of an <see cref="XmlRpcClient"/>: limits on what it reads, compression, timeout and the User-Agent it sends.
/// Every limit has a safe default; the instance is read when the client is created, so change it before that.
/// </summary>
public sealed class XmlRpcClientOptions
{
    /// <summary>
    /// Limits applied to the response document (depth, number of values, number length, document size). For a gzip
    /// response the document size is the decompressed size.
    /// </summary>
    public XmlRpcReaderOptions Reader { get; set; } = new();

    /// <summary>How many bytes of response body are read as they arrive on the wire (compressed or not); 0 means no limit.</summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How many bytes a gzip response body may decompress to; 0 means no limit. Guards against gzip bombs.</summary>
    public long MaxDecompressedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Asks for gzip responses (<c>Accept-Encoding: gzip</c>) and decodes them, as Python's <c>xmlrpc.client</c> does.</summary>
    public bool AcceptGzip { get; set; } = true;

    /// <summary>
    /// Request bodies longer than this many bytes are sent gzip-compressed (<c>Content-Encoding: gzip</c>, which
    /// Python's <c>SimpleXMLRPCServer</c> accepts). <c>null</c>, the default, never compresses, like Python's
    /// <c>Transport.encode_threshold</c>.
    /// </summary>
    public int? GzipRequestThreshold { get; set; }

    /// <summary>
    /// How long one call may take, from sending the request to reading the last byte of the answer. When it expires the
    /// call throws <see cref="TaskCanceledException"/> with a <see cref="TimeoutException"/> inside, as
    /// <see cref="HttpClient"/> does. <see cref="Timeout.InfiniteTimeSpan"/> leaves only <see cref="HttpClient.Timeout"/>,
    /// which does not cover reading the body.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Whether a call whose connection closes or resets before the first byte of its answer is sent once more, as
    /// Python's <c>Transport.request</c> does for a keep-alive connection the server had already closed. On by default.
    /// The retry cannot tell such a stale pooled connection from a server that received the call and then died, so it
    /// can run a call twice: turn it off for calls that must not repeat. With
    /// <c>SocketsHttpHandler.PooledConnectionLifetime = TimeSpan.Zero</c> no connection is reused, and the retry has
    /// nothing stale to make up for.
    /// </summary>
    public bool RetryClosedConnection { get; set; } = true;

    /// <summary>The User-Agent header; <c>null</c> sends the <see cref="HttpClient"/>'s own default headers instead.</summary>
    public string? UserAgent { get; set; } = DefaultUserAgent;

    /// <summary><c>Restarter.XmlRpc/</c> and this library's version, e.g. <c>Restarter.XmlRpc/1.0.0</c>.</summary>
    public static string DefaultUserAgent { get; } = "Restarter.XmlRpc/" + (typeof(XmlRpcClientOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Reader, nameof(Reader));
        Reader.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(MaxResponseBytes, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDecompressedBytes, nameof(MaxDecompressedBytes));
        if (GzipRequestThreshold is { } threshold)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(threshold, nameof(GzipRequestThreshold));
        }

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        }
    }
}
