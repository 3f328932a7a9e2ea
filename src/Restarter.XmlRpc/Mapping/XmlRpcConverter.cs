namespace Restarter.XmlRpc;

/// <summary>
/// Converts between one CLR type and <see cref="XmlRpcValue"/>. Instances are immutable and thread-safe.
/// Built-in converters come from <see cref="XmlRpcConverters"/>; record and class converters are emitted by the
/// source generator (see <see cref="IXmlRpcStruct{TSelf}"/>), so no runtime reflection is involved.
/// </summary>
/// <typeparam name="T">The CLR type.</typeparam>
public abstract class XmlRpcConverter<T>
{
    /// <summary>The type name <c>system.methodSignature</c> reports for this type: <c>int</c>, <c>string</c>, <c>struct</c>...</summary>
    public abstract string SignatureName { get; }

    /// <summary>Converts a received value.</summary>
    /// <exception cref="XmlRpcConversionException">The value does not have a shape this type accepts.</exception>
    public abstract T Read(XmlRpcValue value);

    /// <summary>Converts a CLR value to send it.</summary>
    /// <exception cref="XmlRpcConversionException">The value cannot be represented (for example null without a nullable type).</exception>
    public abstract XmlRpcValue Write(T value);
}
