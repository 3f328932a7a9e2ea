namespace Restarter.Benchmarks;

/// <summary>Resolves the one service instance, as a singleton registration in DI would, without a container's cost.</summary>
internal sealed class SingleServiceProvider(BenchmarkService service) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(BenchmarkService) ? service : null;
}
