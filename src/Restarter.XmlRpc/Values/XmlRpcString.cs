namespace Restarter.XmlRpc;

/// <summary><c>&lt;string&gt;</c>, or a <c>&lt;value&gt;</c> with no type element.</summary>
public sealed class XmlRpcString(string value) : XmlRpcValue
{
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public override XmlRpcValueKind Kind => XmlRpcValueKind.String;

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
