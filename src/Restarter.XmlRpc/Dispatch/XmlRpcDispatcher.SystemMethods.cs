using Restarter.XmlRpc.Dispatch.Internal;

namespace Restarter.XmlRpc;

public sealed partial class XmlRpcDispatcher
{
    private IEnumerable<XmlRpcMethodDescriptor> SystemMethods()
    {
        if (_options.EnableIntrospection)
        {
            yield return new XmlRpcMethodDescriptor(
                "system.listMethods",
                "system.listMethods() => ['add', 'subtract', 'multiple']\n\nReturns a list of the methods supported by the server.",
                [XmlRpcTypeNames.Array],
                [],
                (_, _, _) => new(new XmlRpcArray(MethodNames.Select(n => (XmlRpcValue)n))));
            yield return new XmlRpcMethodDescriptor(
                "system.methodHelp",
                "system.methodHelp('add') => \"Adds two integers together\"\n\nReturns a string containing documentation for the specified method.",
                [XmlRpcTypeNames.String, XmlRpcTypeNames.String],
                [new("method_name")],
                (_, parameters, _) => new(MethodHelp(XmlRpcInvocation.Parameter(parameters, 0, "method_name", XmlRpcConverters.String))));
            yield return new XmlRpcMethodDescriptor(
                "system.methodSignature",
                "system.methodSignature('add') => [['int', 'int', 'int']]\n\nReturns a list describing the signature of the method: the result type, then the parameter types.",
                [XmlRpcTypeNames.Array, XmlRpcTypeNames.String],
                [new("method_name")],
                (_, parameters, _) => new(MethodSignature(XmlRpcInvocation.Parameter(parameters, 0, "method_name", XmlRpcConverters.String))));
        }

        if (_options.EnableMulticall)
        {
            yield return new XmlRpcMethodDescriptor(
                MulticallName,
                "system.multicall([{'methodName': 'add', 'params': [2, 2]}, ...]) => [[4], ...]\n\n" +
                "Allows the caller to package multiple XML-RPC calls into a single request. Each call is answered in order: " +
                "[result] or a fault struct.",
                [XmlRpcTypeNames.Array, XmlRpcTypeNames.Array],
                [new("call_list")],
                (services, parameters, cancellationToken) => MulticallAsync(
                    XmlRpcInvocation.Parameter(parameters, 0, "call_list", XmlRpcConverters.Array), services, cancellationToken));
        }
    }

    private XmlRpcValue MethodHelp(string name) =>
        FindMethod(name) is { } method
            ? method.Help
            : _options.FaultStyle == XmlRpcFaultStyle.Python
                ? string.Empty
                : throw new XmlRpcFaultException(XmlRpcFaultCodes.MethodNotFound, $"requested method \"{name}\" not found");

    private XmlRpcValue MethodSignature(string name)
    {
        var method = FindMethod(name) ?? throw (_options.FaultStyle == XmlRpcFaultStyle.Python
            ? new XmlRpcFaultException(XmlRpcFaultCodes.Python, PythonTexts.MethodNotSupported(name))
            : new XmlRpcFaultException(XmlRpcFaultCodes.MethodNotFound, $"requested method \"{name}\" not found"));
        return new XmlRpcArray().Add(new XmlRpcArray(method.Signature.Select(t => (XmlRpcValue)t)));
    }

    private async ValueTask<XmlRpcValue> MulticallAsync(XmlRpcArray calls, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (calls.Count > _options.MaxMulticallEntries)
        {
            throw FaultFor(
                XmlRpcFaultCodes.InvalidRequest,
                PythonTexts.Exception("ValueError", $"system.multicall accepts at most {_options.MaxMulticallEntries} calls, got {calls.Count}"),
                $"system.multicall accepts at most {_options.MaxMulticallEntries} calls, got {calls.Count}");
        }

        var results = new XmlRpcArray();
        foreach (var call in calls)
        {
            var response = await MulticallEntryAsync(call, services, cancellationToken).ConfigureAwait(false);
            results.Add(response.IsFault ? response.Fault.ToStruct() : new XmlRpcArray().Add(response.Value));
        }

        return results;
    }

    private ValueTask<XmlRpcMethodResponse> MulticallEntryAsync(XmlRpcValue call, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (call is not XmlRpcStruct entry)
        {
            return new(Fault(XmlRpcFaultCodes.InvalidRequest, PythonTexts.Exception("TypeError", $"'{PythonTexts.TypeName(call)}' object is not subscriptable"), "invalid multicall entry: expected a struct with methodName and params"));
        }

        if (!entry.TryGetValue("methodName", out var nameValue))
        {
            return new(Fault(XmlRpcFaultCodes.InvalidRequest, PythonTexts.Exception("KeyError", "'methodName'"), "invalid multicall entry: methodName is missing"));
        }

        if (!entry.TryGetValue("params", out var parametersValue))
        {
            return new(Fault(XmlRpcFaultCodes.InvalidRequest, PythonTexts.Exception("KeyError", "'params'"), "invalid multicall entry: params is missing"));
        }

        if (nameValue is not XmlRpcString { Value: var name } || parametersValue is not XmlRpcArray parameters)
        {
            return new(Fault(XmlRpcFaultCodes.InvalidRequest, PythonTexts.Exception("TypeError", "methodName must be a string and params an array"), "invalid multicall entry: methodName must be a string and params an array"));
        }

        if (name == MulticallName)
        {
            return new(Fault(XmlRpcFaultCodes.InvalidRequest, PythonTexts.Exception("Exception", "system.multicall may not be nested"), "recursive system.multicall forbidden"));
        }

        return DispatchCoreAsync(name, parameters, services, cancellationToken);
    }

    private XmlRpcFaultException FaultFor(int specificationCode, string pythonText, string specificationText) =>
        _options.FaultStyle == XmlRpcFaultStyle.Python
            ? new XmlRpcFaultException(XmlRpcFaultCodes.Python, pythonText)
            : new XmlRpcFaultException(specificationCode, specificationText);
}
