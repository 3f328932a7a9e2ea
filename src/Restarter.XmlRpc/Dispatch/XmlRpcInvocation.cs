using System.ComponentModel;

namespace Restarter.XmlRpc;

/// <summary>Helpers the generated invokers call. Not meant to be called by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class XmlRpcInvocation
{
    /// <summary>Resolves the service class from the request's services.</summary>
    public static TService GetService<TService>(IServiceProvider services)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService(typeof(TService)) as TService
            ?? throw new InvalidOperationException(
                $"The XML-RPC service '{typeof(TService).FullName}' is not registered. Register it with the services, e.g. builder.Services.AddScoped<{typeof(TService).Name}>().");
    }

    /// <summary>Converts parameter <paramref name="index"/>; a failure names the parameter.</summary>
    public static T Parameter<T>(IReadOnlyList<XmlRpcValue> parameters, int index, string name, XmlRpcConverter<T> converter)
    {
        try
        {
            return converter.Read(parameters[index]);
        }
        catch (XmlRpcConversionException e)
        {
            throw new XmlRpcParameterException(name, e.Message, e);
        }
    }

    public static ValueTask<XmlRpcValue> Result<T>(T value, XmlRpcConverter<T> converter) => new(converter.Write(value));

    public static async ValueTask<XmlRpcValue> Result<T>(Task<T> task, XmlRpcConverter<T> converter) => converter.Write(await task.ConfigureAwait(false));

    public static async ValueTask<XmlRpcValue> Result<T>(ValueTask<T> task, XmlRpcConverter<T> converter) => converter.Write(await task.ConfigureAwait(false));

    public static async ValueTask<XmlRpcValue> Result(Task task)
    {
        await task.ConfigureAwait(false);
        return XmlRpcValue.Nil;
    }

    public static async ValueTask<XmlRpcValue> Result(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return XmlRpcValue.Nil;
    }

    /// <summary>A method returning void answers nil.</summary>
    public static ValueTask<XmlRpcValue> Nil() => new(XmlRpcValue.Nil);
}
