using Microsoft.AspNetCore.Server.Kestrel.Core;
using Restarter.Server.Hosting;
using Restarter.Server.Hosting.Internal;

namespace Restarter.Server.Tests;

/// <summary>The limits the server puts on Kestrel when nothing is configured (the slow ones are not waited for end to end).</summary>
public sealed class KestrelLimitsSetupTests
{
    [Fact]
    public void The_defaults_are_set_on_purpose()
    {
        var kestrel = new KestrelServerOptions();

        new KestrelLimitsSetup(Microsoft.Extensions.Options.Options.Create(new KestrelLimitsOptions())).Configure(kestrel);

        var limits = kestrel.Limits;
        Assert.Equal(TimeSpan.FromSeconds(30), limits.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(1024, limits.MaxConcurrentConnections);
        Assert.Equal(0, limits.MaxConcurrentUpgradedConnections);
        Assert.Equal(1024 * 1024, limits.MaxRequestBodySize);
        Assert.Equal(16 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal((240d, TimeSpan.FromSeconds(5)), (limits.MinRequestBodyDataRate!.BytesPerSecond, limits.MinRequestBodyDataRate.GracePeriod));
        Assert.Equal((240d, TimeSpan.FromSeconds(5)), (limits.MinResponseDataRate!.BytesPerSecond, limits.MinResponseDataRate.GracePeriod));
        Assert.False(kestrel.AddServerHeader);
    }

    [Fact]
    public void A_rate_of_zero_turns_the_minimum_off()
    {
        var kestrel = new KestrelServerOptions();
        var options = new KestrelLimitsOptions { MinRequestBodyDataRate = new DataRateLimit { BytesPerSecond = 0 } };

        new KestrelLimitsSetup(Microsoft.Extensions.Options.Options.Create(options)).Configure(kestrel);

        Assert.Null(kestrel.Limits.MinRequestBodyDataRate);
    }
}
