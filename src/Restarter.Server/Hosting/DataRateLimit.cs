namespace Restarter.Server.Hosting;

/// <summary>A minimum data rate: bytes per second after a grace period, as Kestrel's <c>MinDataRate</c>.</summary>
public sealed class DataRateLimit
{
    public double BytesPerSecond { get; set; }

    public TimeSpan GracePeriod { get; set; }
}
