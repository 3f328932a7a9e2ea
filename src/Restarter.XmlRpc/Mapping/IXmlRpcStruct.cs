namespace Restarter.XmlRpc;

/// <summary>
/// A record or class that maps to an XML-RPC <c>&lt;struct&gt;</c> through a generated converter.
/// </summary>
/// <remarks>
/// Mark a <c>partial</c> record or class with <see cref="XmlRpcStructAttribute"/> and the source generator implements
/// this interface: <see cref="XmlRpcConverter"/> is a static abstract member, so code that is generic over
/// <c>T : IXmlRpcStruct&lt;T&gt;</c> reaches the converter as <c>T.XmlRpcConverter</c> at compile time, with no
/// reflection and nothing registered at run time (trim- and NativeAOT-safe). <see cref="XmlRpcConverters.ForStruct{T}"/>
/// is that lookup; the client's typed calls use it for struct results, e.g.
/// <c>client.InvokeAsync(XmlRpcConverters.ForStruct&lt;RestartResult&gt;(), "restart_unit", ["1234"], ct)</c>.
/// Members are written in declaration order (positional record parameters first), named as declared unless
/// <see cref="XmlRpcMemberAttribute"/> says otherwise.
/// </remarks>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IXmlRpcStruct<TSelf>
    where TSelf : IXmlRpcStruct<TSelf>
{
    /// <summary>The generated converter of this type.</summary>
    static abstract XmlRpcConverter<TSelf> XmlRpcConverter { get; }

    /// <summary>This instance as an XML-RPC struct (what <c>XmlRpcConverter.Write(this)</c> returns).</summary>
    XmlRpcValue ToXmlRpcValue();
}
