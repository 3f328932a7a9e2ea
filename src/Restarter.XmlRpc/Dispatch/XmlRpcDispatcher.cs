using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Restarter.XmlRpc.Dispatch.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// Turns a method call into a response for one service: finds the method, checks the argument count, converts,
/// invokes, and answers every error as a fault in the configured <see cref="XmlRpcFaultStyle"/>, never with a stack
/// trace. Also serves <c>system.listMethods</c>, <c>system.methodHelp</c>, <c>system.methodSignature</c> and
/// <c>system.multicall</c> when the options allow. Thread-safe; create one per service and reuse it.
/// </summary>
public sealed partial class XmlRpcDispatcher
{
    private const string MulticallName = "system.multicall";

    private readonly Dictionary<string, DispatchEntry> _entries = new(StringComparer.Ordinal);
    private readonly XmlRpcDispatcherOptions _options;
    private readonly ILogger _logger;

    public XmlRpcDispatcher(XmlRpcServiceDescriptor service, XmlRpcDispatcherOptions? options = null, ILogger<XmlRpcDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        Service = service;
        _options = options ?? new XmlRpcDispatcherOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.MaxMulticallEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxMulticallEntries, "MaxMulticallEntries must be at least 1.");
        }

        foreach (var method in service.Methods)
        {
            _entries.Add(method.Name, new DispatchEntry(method, $"{service.PythonClassName}.{PythonFunctionName(method.Name)}"));
        }

        foreach (var method in SystemMethods())
        {
            _entries.TryAdd(method.Name, new DispatchEntry(method, "SimpleXMLRPCDispatcher." + method.Name.Replace('.', '_')));
        }

        MethodNames = [.. _entries.Keys.Order(StringComparer.Ordinal)];
    }

    public XmlRpcServiceDescriptor Service { get; }

    public XmlRpcFaultStyle FaultStyle => _options.FaultStyle;

    /// <summary>Every method this dispatcher answers, the enabled <c>system.*</c> ones included, sorted as Python sorts them.</summary>
    public IReadOnlyList<string> MethodNames { get; }

    /// <summary>The descriptor of a method (a service method or an enabled <c>system.*</c> one), or null.</summary>
    public XmlRpcMethodDescriptor? FindMethod(string name) => _entries.GetValueOrDefault(name)?.Method;

    /// <summary>Answers one call. Only an <see cref="OperationCanceledException"/> from <paramref name="cancellationToken"/> escapes.</summary>
    public ValueTask<XmlRpcMethodResponse> DispatchAsync(XmlRpcMethodCall call, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(services);
        return DispatchCoreAsync(call.MethodName, call.Parameters, services, cancellationToken);
    }

    /// <summary>The fault for a document that could not be read, in this dispatcher's style.</summary>
    public XmlRpcMethodResponse CreateMalformedRequestFault(XmlRpcRequestError error, string message) =>
        XmlRpcMethodResponse.FromFault(XmlRpcFaults.ForRequestError(_options.FaultStyle, error, message));

    /// <summary>
    /// The fault sent instead of a result the writer refused (a character XML cannot carry, a cycle), in this
    /// dispatcher's style. Python raises ValueError there when it marshals such a result.
    /// </summary>
    public XmlRpcMethodResponse CreateUnwritableResultFault(string message) =>
        Fault(XmlRpcFaultCodes.InternalError, PythonTexts.Exception("ValueError", "cannot marshal the result: " + message), "internal error: the result cannot be sent: " + message);

    private async ValueTask<XmlRpcMethodResponse> DispatchCoreAsync(
        string methodName, IReadOnlyList<XmlRpcValue> parameters, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(methodName, out var entry))
        {
            Log.MethodNotFound(_logger, methodName);
            return Fault(XmlRpcFaultCodes.MethodNotFound, PythonTexts.MethodNotSupported(methodName), $"requested method \"{methodName}\" not found");
        }

        var method = entry.Method;
        var arityError = PythonTexts.ArityError(entry.PythonQualifiedName, method.Parameters, parameters.Count);
        if (arityError is not null)
        {
            Log.WrongArgumentCount(_logger, methodName, parameters.Count);
            return Fault(XmlRpcFaultCodes.InvalidParams, arityError, SpecificationArityText(method, parameters.Count));
        }

        try
        {
            var value = await method.Invoker(services, parameters, cancellationToken).ConfigureAwait(false);
            return XmlRpcMethodResponse.Success(value);
        }
        catch (XmlRpcFaultException e)
        {
            return XmlRpcMethodResponse.FromFault(e.ToFault());
        }
        catch (XmlRpcParameterException e)
        {
            Log.InvalidParameter(_logger, methodName, e.ParameterName, e.Reason);
            return Fault(
                XmlRpcFaultCodes.InvalidParams,
                PythonTexts.Exception("TypeError", $"{entry.PythonQualifiedName}() {e.Message}"),
                $"invalid params: {methodName}: {e.Message}");
        }
        catch (XmlRpcConversionException e)
        {
            Log.ResultNotConvertible(_logger, methodName, e);
            return Fault(XmlRpcFaultCodes.InternalError, PythonTexts.Exception("TypeError", "cannot marshal the result: " + e.Message), "internal error: the result cannot be sent: " + e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Log.MethodFailed(_logger, methodName, e);
            return Fault(XmlRpcFaultCodes.ApplicationError, PythonTexts.Exception(PythonTexts.ExceptionClass(e), e.Message), e.Message);
        }
    }

    private XmlRpcMethodResponse Fault(int specificationCode, string pythonText, string specificationText) =>
        XmlRpcMethodResponse.FromFault(_options.FaultStyle == XmlRpcFaultStyle.Python
            ? new XmlRpcFault(XmlRpcFaultCodes.Python, pythonText)
            : new XmlRpcFault(specificationCode, specificationText));

    private static string SpecificationArityText(XmlRpcMethodDescriptor method, int given)
    {
        var expected = method.RequiredParameterCount == method.Parameters.Count
            ? method.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{method.RequiredParameterCount} to {method.Parameters.Count}";
        return $"invalid params: {method.Name} takes {expected} parameter(s), {given} given";
    }

    // Python's register_instance looks the name up as an attribute; for a dotted name the function is the last part.
    private static string PythonFunctionName(string methodName)
    {
        var dot = methodName.LastIndexOf('.');
        return dot < 0 ? methodName : methodName[(dot + 1)..];
    }

    private sealed record DispatchEntry(XmlRpcMethodDescriptor Method, string PythonQualifiedName);
}
