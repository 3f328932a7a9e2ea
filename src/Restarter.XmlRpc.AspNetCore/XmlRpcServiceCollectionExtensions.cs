using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Restarter.XmlRpc.AspNetCore;
using Restarter.XmlRpc.AspNetCore.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what XML-RPC endpoints need.</summary>
public static class XmlRpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services <c>MapXmlRpc&lt;TService&gt;</c> needs and binds <see cref="XmlRpcEndpointOptions"/> from the
    /// configuration section <c>"XmlRpc"</c>. Service classes themselves are registered by the caller (for example
    /// <c>AddScoped&lt;MyService&gt;()</c>); one that is not registered is created per call with its constructor's dependencies.
    /// </summary>
    public static IServiceCollection AddXmlRpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton<XmlRpcMarkerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<XmlRpcEndpointOptions>, XmlRpcEndpointOptionsSetup>(
            provider => new XmlRpcEndpointOptionsSetup(provider.GetService<IConfiguration>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XmlRpcEndpointOptions>, XmlRpcEndpointOptionsValidator>());
        return services;
    }

    /// <summary>As <see cref="AddXmlRpc(IServiceCollection)"/>, then applies <paramref name="configure"/> after the configuration binding.</summary>
    public static IServiceCollection AddXmlRpc(this IServiceCollection services, Action<XmlRpcEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddXmlRpc();
        services.Configure(configure);
        return services;
    }
}
