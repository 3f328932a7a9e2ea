using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>Creates a service class that is not registered in DI, once per request, from the request's services.</summary>
internal interface IServiceActivator
{
    ActivatedRequestServices Wrap(IServiceProvider requestServices);
}

/// <inheritdoc />
internal sealed class ServiceActivator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService> : IServiceActivator
    where TService : class
{
    private readonly ObjectFactory<TService> _factory = ActivatorUtilities.CreateFactory<TService>([]);

    public ActivatedRequestServices Wrap(IServiceProvider requestServices) =>
        new(requestServices, typeof(TService), services => _factory(services, null));
}
