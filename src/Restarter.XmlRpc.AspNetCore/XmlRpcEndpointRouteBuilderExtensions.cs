using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Restarter.XmlRpc;
using Restarter.XmlRpc.AspNetCore;
using Restarter.XmlRpc.AspNetCore.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps XML-RPC services to endpoints.</summary>
public static class XmlRpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Answers XML-RPC calls of <typeparamref name="TService"/> (a <c>partial</c> class with <see cref="XmlRpcMethodAttribute"/>
    /// methods, whose method table the source generator emits) with POST on <paramref name="pattern"/>. Other HTTP
    /// methods get 501, as from Python's <c>SimpleXMLRPCServer</c>.
    /// </summary>
    /// <returns>A builder for conventions such as <c>RequireAuthorization()</c> or <c>RequireRateLimiting(...)</c>.</returns>
    public static IEndpointConventionBuilder MapXmlRpc<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(
        this IEndpointRouteBuilder endpoints, string pattern)
        where TService : class, IXmlRpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return Map(endpoints, CreateHandler<TService>(endpoints), [pattern]);
    }

    /// <summary>
    /// As <see cref="MapXmlRpc{TService}(IEndpointRouteBuilder, string)"/> on every path of
    /// <see cref="XmlRpcEndpointOptions.Paths"/> (<c>/</c> and <c>/RPC2</c> unless configured otherwise).
    /// </summary>
    /// <returns>One builder whose conventions apply to the endpoints of every path.</returns>
    public static IEndpointConventionBuilder MapXmlRpc<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(
        this IEndpointRouteBuilder endpoints)
        where TService : class, IXmlRpcService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handler = CreateHandler<TService>(endpoints);
        return Map(endpoints, handler, handler.Options.Paths);
    }

    private static XmlRpcRequestHandler CreateHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(
        IEndpointRouteBuilder endpoints)
        where TService : class, IXmlRpcService
    {
        var services = endpoints.ServiceProvider;
        if (services.GetService<XmlRpcMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'IServiceCollection.AddXmlRpc()' " +
                "(builder.Services.AddXmlRpc()) before 'MapXmlRpc<TService>'.");
        }

        var options = services.GetRequiredService<IOptions<XmlRpcEndpointOptions>>().Value;
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var dispatcher = new XmlRpcDispatcher(
            TService.XmlRpcDescriptor,
            new XmlRpcDispatcherOptions
            {
                FaultStyle = options.FaultStyle,
                EnableIntrospection = options.EnableIntrospection,
                EnableMulticall = options.EnableMulticall,
                MaxMulticallEntries = options.MaxMulticallEntries,
            },
            loggerFactory.CreateLogger<XmlRpcDispatcher>());
        var isRegistered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? true;
        return new XmlRpcRequestHandler(
            dispatcher,
            options,
            isRegistered ? null : new ServiceActivator<TService>(),
            loggerFactory.CreateLogger<XmlRpcRequestHandler>());
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, XmlRpcRequestHandler handler, IReadOnlyList<string> patterns)
    {
        var builders = new List<IEndpointConventionBuilder>(patterns.Count);
        foreach (var pattern in patterns)
        {
            builders.Add(endpoints.Map(pattern, handler.HandleAsync)
                .WithDisplayName($"XML-RPC {handler.Dispatcher.Service.PythonClassName} {pattern}"));
        }

        return builders.Count == 1 ? builders[0] : new CompositeEndpointConventionBuilder(builders);
    }
}
