namespace Restarter.XmlRpc;

/// <summary>
/// Asks the source generator to implement <see cref="IXmlRpcStruct{TSelf}"/> on this <c>partial</c> record or class,
/// so it converts to and from an XML-RPC struct without reflection, for example as the result type of a client call.
/// Types used by <see cref="XmlRpcMethodAttribute"/> methods need not be marked: their converters are generated with the service.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class XmlRpcStructAttribute : Attribute
{
}
