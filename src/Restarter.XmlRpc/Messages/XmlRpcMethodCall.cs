namespace Restarter.XmlRpc;

/// <summary>A <c>&lt;methodCall&gt;</c>: the method's name and its positional parameters.</summary>
public sealed class XmlRpcMethodCall(string methodName, IReadOnlyList<XmlRpcValue> parameters)
{
    public string MethodName { get; } = methodName ?? throw new ArgumentNullException(nameof(methodName));

    public IReadOnlyList<XmlRpcValue> Parameters { get; } = parameters ?? throw new ArgumentNullException(nameof(parameters));
}
