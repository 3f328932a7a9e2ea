using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Restarter.Server.Hosting.Internal;

/// <summary>Copies <see cref="KestrelLimitsOptions"/> into Kestrel and hides its <c>Server</c> header.</summary>
internal sealed class KestrelLimitsSetup(IOptions<KestrelLimitsOptions> limits) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var wanted = limits.Value;
        var target = options.Limits;
        target.KeepAliveTimeout = wanted.KeepAliveTimeout;
        target.RequestHeadersTimeout = wanted.RequestHeadersTimeout;
        target.MaxConcurrentConnections = wanted.MaxConcurrentConnections;
        target.MaxConcurrentUpgradedConnections = 0;
        target.MaxRequestBodySize = wanted.MaxRequestBodySize;
        target.MaxRequestHeadersTotalSize = wanted.MaxRequestHeadersTotalSize;
        target.MaxRequestHeaderCount = wanted.MaxRequestHeaderCount;
        target.MaxRequestLineSize = wanted.MaxRequestLineSize;
        target.MinRequestBodyDataRate = ToMinDataRate(wanted.MinRequestBodyDataRate);
        target.MinResponseDataRate = ToMinDataRate(wanted.MinResponseDataRate);
        options.AddServerHeader = false;
    }

    private static MinDataRate? ToMinDataRate(DataRateLimit? limit) =>
        limit is { BytesPerSecond: > 0 } ? new MinDataRate(limit.BytesPerSecond, limit.GracePeriod) : null;
}
