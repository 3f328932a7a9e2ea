namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>The request's services, plus the service class created on first use and disposed with the request.</summary>
internal sealed class ActivatedRequestServices(IServiceProvider inner, Type serviceType, Func<IServiceProvider, object> create)
    : IServiceProvider, IAsyncDisposable
{
    private object? _created;

    public object? GetService(Type type) =>
        type == serviceType ? inner.GetService(type) ?? (_created ??= create(inner)) : inner.GetService(type);

    public ValueTask DisposeAsync()
    {
        switch (_created)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        return ValueTask.CompletedTask;
    }
}
