namespace Restarter.XmlRpc.Tests.TestServices;

/// <summary>A minimal provider (the core library has no DI container dependency): one log, a new service per resolution.</summary>
public sealed class TestServiceProvider : IServiceProvider
{
    public CallLog Log { get; } = new();

    public int Resolutions { get; private set; }

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(SampleService))
        {
            Resolutions++;
            return new SampleService(Log);
        }

        return serviceType == typeof(CallLog) ? Log : null;
    }
}
