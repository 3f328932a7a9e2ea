using System.Diagnostics.CodeAnalysis;

namespace Restarter.XmlRpc;

/// <summary>A <c>&lt;methodResponse&gt;</c>: either one value or a fault.</summary>
public sealed class XmlRpcMethodResponse
{
    private XmlRpcMethodResponse(XmlRpcValue? value, XmlRpcFault? fault)
    {
        Value = value;
        Fault = fault;
    }

    public XmlRpcValue? Value { get; }

    public XmlRpcFault? Fault { get; }

    [MemberNotNullWhen(true, nameof(Fault))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsFault => Fault is not null;

    public static XmlRpcMethodResponse Success(XmlRpcValue value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static XmlRpcMethodResponse FromFault(XmlRpcFault fault) => new(null, fault ?? throw new ArgumentNullException(nameof(fault)));
}
