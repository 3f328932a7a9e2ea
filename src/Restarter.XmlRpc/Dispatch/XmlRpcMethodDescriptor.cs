namespace Restarter.XmlRpc;

/// <summary>
/// Invokes one method: resolves the service from <paramref name="services"/>, converts <paramref name="parameters"/>
/// (already checked for count), calls the method and converts its result.
/// </summary>
public delegate ValueTask<XmlRpcValue> XmlRpcMethodInvoker(IServiceProvider services, IReadOnlyList<XmlRpcValue> parameters, CancellationToken cancellationToken);

/// <summary>One exposed method: name, documentation, signature, parameters and invoker (emitted by the source generator).</summary>
public sealed class XmlRpcMethodDescriptor
{
    public XmlRpcMethodDescriptor(
        string name,
        string help,
        IReadOnlyList<string> signature,
        IReadOnlyList<XmlRpcParameterDescriptor> parameters,
        XmlRpcMethodInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(invoker);
        Name = name;
        Help = help;
        Signature = signature;
        Parameters = parameters;
        Invoker = invoker;
        RequiredParameterCount = parameters.Count(p => !p.IsOptional);
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary>Result type then parameter types, as <c>system.methodSignature</c> reports them (<c>["struct", "string"]</c>).</summary>
    public IReadOnlyList<string> Signature { get; }

    /// <summary>The XML-RPC parameters in order (a CancellationToken parameter is not one).</summary>
    public IReadOnlyList<XmlRpcParameterDescriptor> Parameters { get; }

    public int RequiredParameterCount { get; }

    public XmlRpcMethodInvoker Invoker { get; }
}
