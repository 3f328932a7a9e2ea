using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Restarter.Server.Hosting.Internal;

/// <summary>
/// Puts <see cref="PerClientConnectionLimitMiddleware"/> on every endpoint Kestrel listens on. Registered before the
/// systemd socket setup, because an endpoint takes the endpoint defaults that exist when it is added.
/// </summary>
internal sealed class PerClientConnectionLimitSetup(IOptions<KestrelLimitsOptions> limits, TimeProvider time, ILoggerFactory loggers)
    : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>A client that keeps hitting the limit gets one warning per this, not one per connection.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    public void Configure(KestrelServerOptions options)
    {
        var limit = limits.Value.MaxConnectionsPerClient;
        if (limit == 0)
        {
            return;
        }

        var counter = new ClientConnectionCounter(limit, time, WarningInterval);
        var logger = loggers.CreateLogger<PerClientConnectionLimitMiddleware>();
        options.ConfigureEndpointDefaults(endpoint =>
            endpoint.Use(next => new PerClientConnectionLimitMiddleware(next, counter, logger).OnConnectionAsync));
    }
}
