namespace Restarter.Server.Hosting;

/// <summary>
/// Kestrel's limits, set on purpose for a small RPC server that may face a hostile network, bound from
/// <c>Kestrel:Limits</c> (the same keys as Kestrel's own <c>KestrelServerLimits</c>).
/// </summary>
public sealed class KestrelLimitsOptions
{
    public const string SectionName = "Kestrel:Limits";

    /// <summary>An idle keep-alive connection is closed after this (Kestrel's default is 130 s).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A client must send all request headers within this (slowloris).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections beyond this are refused; null for no limit.</summary>
    public long? MaxConcurrentConnections { get; set; } = 1024;

    /// <summary>
    /// Open connections from one client IP address beyond this are closed at once (one client cannot take all of
    /// <see cref="MaxConcurrentConnections"/>); 0 turns it off. Unix-socket connections are not counted.
    /// </summary>
    public int MaxConnectionsPerClient { get; set; } = 256;

    /// <summary>The largest request body Kestrel reads (413 beyond); the XML-RPC endpoint may set a lower one.</summary>
    public long? MaxRequestBodySize { get; set; } = 1024 * 1024;

    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 64;

    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    /// <summary>A request body that trickles in slower than this is aborted (slow POST); 0 bytes per second turns it off.</summary>
    public DataRateLimit MinRequestBodyDataRate { get; set; } = new() { BytesPerSecond = 240, GracePeriod = TimeSpan.FromSeconds(5) };

    /// <summary>A client that reads the response slower than this is dropped; 0 bytes per second turns it off.</summary>
    public DataRateLimit MinResponseDataRate { get; set; } = new() { BytesPerSecond = 240, GracePeriod = TimeSpan.FromSeconds(5) };
}
