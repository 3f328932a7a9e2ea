namespace Restarter.XmlRpc;

/// <summary>How <see cref="XmlRpcDispatcher"/> answers: fault style and the built-in <c>system.*</c> methods.</summary>
public sealed class XmlRpcDispatcherOptions
{
    /// <summary>Python (code 1, <c>SimpleXMLRPCServer</c>'s texts; the default, for drop-in compatibility) or the interoperability codes.</summary>
    public XmlRpcFaultStyle FaultStyle { get; set; } = XmlRpcFaultStyle.Python;

    /// <summary>Serve <c>system.listMethods</c>, <c>system.methodHelp</c> and <c>system.methodSignature</c>.</summary>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Serve <c>system.multicall</c>.</summary>
    public bool EnableMulticall { get; set; } = true;

    /// <summary>The most calls one <c>system.multicall</c> may carry; more is a fault and none of them runs.</summary>
    public int MaxMulticallEntries { get; set; } = 1000;
}
