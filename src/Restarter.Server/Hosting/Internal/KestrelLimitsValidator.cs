using Microsoft.Extensions.Options;

namespace Restarter.Server.Hosting.Internal;

/// <summary>Refuses limits Kestrel would reject later with a less helpful message.</summary>
internal sealed class KestrelLimitsValidator : IValidateOptions<KestrelLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, KestrelLimitsOptions options)
    {
        var failures = new List<string>();
        if (options.KeepAliveTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Kestrel:Limits:KeepAliveTimeout must be positive (got {options.KeepAliveTimeout})");
        }

        if (options.RequestHeadersTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Kestrel:Limits:RequestHeadersTimeout must be positive (got {options.RequestHeadersTimeout})");
        }

        if (options.MaxConcurrentConnections is < 1 || options.MaxRequestBodySize is < 0 || options.MaxRequestHeadersTotalSize < 1
            || options.MaxRequestHeaderCount < 1 || options.MaxRequestLineSize < 1)
        {
            failures.Add("Kestrel:Limits: MaxConcurrentConnections, MaxRequestHeadersTotalSize, MaxRequestHeaderCount and MaxRequestLineSize must be at least 1, MaxRequestBodySize at least 0");
        }

        if (options.MaxConnectionsPerClient < 0)
        {
            failures.Add($"Kestrel:Limits:MaxConnectionsPerClient must be 0 (off) or more (got {options.MaxConnectionsPerClient})");
        }

        foreach (var (key, rate) in new[] { ("MinRequestBodyDataRate", options.MinRequestBodyDataRate), ("MinResponseDataRate", options.MinResponseDataRate) })
        {
            if (rate is { BytesPerSecond: > 0 } && rate.GracePeriod <= TimeSpan.FromSeconds(1))
            {
                failures.Add($"Kestrel:Limits:{key}:GracePeriod must be longer than 1 s, Kestrel's heartbeat (got {rate.GracePeriod})");
            }

            if (rate is { BytesPerSecond: < 0 })
            {
                failures.Add($"Kestrel:Limits:{key}:BytesPerSecond must be 0 (off) or more (got {rate.BytesPerSecond})");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
