namespace Restarter.XmlRpc;

/// <summary><c>&lt;nil/&gt;</c>, the extension Python sends for <c>None</c> when <c>allow_none</c> is set.</summary>
public sealed class XmlRpcNil : XmlRpcValue
{
    public static readonly XmlRpcNil Instance = new();

    private XmlRpcNil()
    {
    }

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Nil;

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcNil;

    public override int GetHashCode() => 0x4E696C;

    public override string ToString() => "nil";
}
