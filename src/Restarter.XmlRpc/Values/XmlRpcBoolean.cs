namespace Restarter.XmlRpc;

/// <summary><c>&lt;boolean&gt;</c>: 0 or 1 on the wire.</summary>
public sealed class XmlRpcBoolean : XmlRpcValue
{
    public static readonly XmlRpcBoolean True = new(true);
    public static readonly XmlRpcBoolean False = new(false);

    private XmlRpcBoolean(bool value) => Value = value;

    public bool Value { get; }

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Boolean;

    public static XmlRpcBoolean From(bool value) => value ? True : False;

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcBoolean b && b.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value ? "True" : "False";
}
