namespace Restarter.XmlRpc;

/// <summary>An integer: <c>&lt;int&gt;</c>/<c>&lt;i4&gt;</c> on the wire while it fits 32 bits, <c>&lt;i8&gt;</c> beyond.</summary>
public sealed class XmlRpcInteger(long value) : XmlRpcValue
{
    public long Value { get; } = value;

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Integer;

    public bool FitsInt32 => Value is >= int.MinValue and <= int.MaxValue;

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcInteger i && i.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
