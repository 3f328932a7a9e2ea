namespace Restarter.XmlRpc;

/// <summary>
/// <c>&lt;dateTime.iso8601&gt;</c>. XML-RPC carries no time zone and Python writes whole seconds,
/// so the value is a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>.
/// </summary>
public sealed class XmlRpcDateTime : XmlRpcValue
{
    public XmlRpcDateTime(DateTime value) => Value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    public DateTime Value { get; }

    public override XmlRpcValueKind Kind => XmlRpcValueKind.DateTime;

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcDateTime d && d.Value.Ticks == Value.Ticks;

    public override int GetHashCode() => Value.Ticks.GetHashCode();

    public override string ToString() => Value.ToString("yyyyMMdd'T'HH':'mm':'ss", System.Globalization.CultureInfo.InvariantCulture);
}
