namespace Restarter.XmlRpc;

/// <summary><c>&lt;base64&gt;</c>: binary data.</summary>
public sealed class XmlRpcBase64(ReadOnlyMemory<byte> value) : XmlRpcValue
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Base64;

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcBase64 b && b.Value.Span.SequenceEqual(Value.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => Convert.ToBase64String(Value.Span);
}
