namespace Restarter.XmlRpc;

/// <summary>
/// A service class whose method table the source generator emitted. Declare the class <c>partial</c> with
/// <see cref="XmlRpcMethodAttribute"/> methods; do not implement this interface by hand.
/// </summary>
public interface IXmlRpcService
{
    /// <summary>The generated method table.</summary>
    static abstract XmlRpcServiceDescriptor XmlRpcDescriptor { get; }
}
