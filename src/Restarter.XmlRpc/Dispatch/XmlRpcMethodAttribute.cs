namespace Restarter.XmlRpc;

/// <summary>
/// Exposes a method of a <c>partial</c> service class over XML-RPC. The source generator emits the method table:
/// parameters convert from the call's values, the result converts back; a <see cref="CancellationToken"/> parameter
/// receives the request-aborted token and is not an XML-RPC parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class XmlRpcMethodAttribute : Attribute
{
    /// <summary>Exposes the method under its own name.</summary>
    public XmlRpcMethodAttribute()
    {
    }

    /// <summary>Exposes the method under <paramref name="name"/> (dotted names such as <c>validator1.echoStructTest</c> are fine).</summary>
    public XmlRpcMethodAttribute(string name) => Name = name;

    public string? Name { get; }

    /// <summary>The text of <c>system.methodHelp</c>; defaults to the method's XML doc summary.</summary>
    public string? Help { get; set; }
}
