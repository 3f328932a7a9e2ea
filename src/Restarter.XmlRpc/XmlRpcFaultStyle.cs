namespace Restarter.XmlRpc;

/// <summary>How a server reports the errors it detects itself (bad XML, unknown method, wrong arity, a method's exception).</summary>
public enum XmlRpcFaultStyle
{
    /// <summary>
    /// Shaped like Python's <c>SimpleXMLRPCServer</c>: code 1 and texts such as
    /// <c>&lt;class 'Exception'&gt;:method "x" is not supported</c>, so that tools written against the legacy server see the same.
    /// </summary>
    Python,

    /// <summary>The codes of the fault code interoperability specification (-32700 parse error, -32601 method not found...).</summary>
    Specification,
}
