namespace Restarter.XmlRpc;

/// <summary>
/// One XML-RPC value. The model is closed: every value is one of the sealed types in this folder,
/// selected by <see cref="Kind"/>. Equality is structural, so two documents that carry the same data compare equal.
/// </summary>
public abstract class XmlRpcValue : IEquatable<XmlRpcValue>
{
    private protected XmlRpcValue()
    {
    }

    public abstract XmlRpcValueKind Kind { get; }

    public static XmlRpcValue Nil => XmlRpcNil.Instance;

    public abstract bool Equals(XmlRpcValue? other);

    public sealed override bool Equals(object? obj) => obj is XmlRpcValue other && Equals(other);

    public abstract override int GetHashCode();

    public static implicit operator XmlRpcValue(int value) => new XmlRpcInteger(value);

    public static implicit operator XmlRpcValue(long value) => new XmlRpcInteger(value);

    public static implicit operator XmlRpcValue(bool value) => XmlRpcBoolean.From(value);

    public static implicit operator XmlRpcValue(string value) => new XmlRpcString(value);

    public static implicit operator XmlRpcValue(double value) => new XmlRpcDouble(value);

    public static implicit operator XmlRpcValue(DateTime value) => new XmlRpcDateTime(value);

    public static implicit operator XmlRpcValue(byte[] value) => new XmlRpcBase64(value);
}
