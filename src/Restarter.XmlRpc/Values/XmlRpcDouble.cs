namespace Restarter.XmlRpc;

/// <summary><c>&lt;double&gt;</c> (also read from <c>&lt;float&gt;</c> and <c>&lt;bigdecimal&gt;</c>).</summary>
public sealed class XmlRpcDouble(double value) : XmlRpcValue
{
    public double Value { get; } = value;

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Double;

    // Bitwise, so that -0.0 and 0.0 differ and NaN equals itself: a round trip must keep both.
    public override bool Equals(XmlRpcValue? other) =>
        other is XmlRpcDouble d && BitConverter.DoubleToInt64Bits(d.Value) == BitConverter.DoubleToInt64Bits(Value);

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
