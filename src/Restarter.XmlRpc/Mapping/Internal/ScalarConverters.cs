using System.Globalization;

namespace Restarter.XmlRpc.Mapping.Internal;

internal sealed class Int32Converter : XmlRpcConverter<int>
{
    public override string SignatureName => XmlRpcTypeNames.Int;

    public override int Read(XmlRpcValue value) => value switch
    {
        XmlRpcInteger { FitsInt32: true } i => (int)i.Value,
        XmlRpcInteger i => throw new XmlRpcConversionException($"expected int, got {i.Value.ToString(CultureInfo.InvariantCulture)} which does not fit 32 bits"),
        _ => throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Int, value),
    };

    public override XmlRpcValue Write(int value) => new XmlRpcInteger(value);
}

internal sealed class Int64Converter : XmlRpcConverter<long>
{
    public override string SignatureName => XmlRpcTypeNames.I8;

    public override long Read(XmlRpcValue value) =>
        value is XmlRpcInteger i ? i.Value : throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Int, value);

    public override XmlRpcValue Write(long value) => new XmlRpcInteger(value);
}

internal sealed class BooleanConverter : XmlRpcConverter<bool>
{
    public override string SignatureName => XmlRpcTypeNames.Boolean;

    public override bool Read(XmlRpcValue value) =>
        value is XmlRpcBoolean b ? b.Value : throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Boolean, value);

    public override XmlRpcValue Write(bool value) => XmlRpcBoolean.From(value);
}

internal sealed class StringConverter : XmlRpcConverter<string>
{
    public override string SignatureName => XmlRpcTypeNames.String;

    public override string Read(XmlRpcValue value) =>
        value is XmlRpcString s ? s.Value : throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.String, value);

    public override XmlRpcValue Write(string value) =>
        value is null ? throw new XmlRpcConversionException("null cannot be sent as a string: declare the type nullable (string?) to send nil") : new XmlRpcString(value);
}

// An integer is accepted where a double is expected, as Python's float() parameters accept ints.
internal sealed class DoubleConverter : XmlRpcConverter<double>
{
    public override string SignatureName => XmlRpcTypeNames.Double;

    public override double Read(XmlRpcValue value) => value switch
    {
        XmlRpcDouble d => d.Value,
        XmlRpcInteger i => i.Value,
        _ => throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Double, value),
    };

    public override XmlRpcValue Write(double value) => new XmlRpcDouble(value);
}

internal sealed class DateTimeConverter : XmlRpcConverter<DateTime>
{
    public override string SignatureName => XmlRpcTypeNames.DateTime;

    public override DateTime Read(XmlRpcValue value) =>
        value is XmlRpcDateTime d ? d.Value : throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.DateTime, value);

    public override XmlRpcValue Write(DateTime value) => new XmlRpcDateTime(value);
}

// XML-RPC carries no offset: an offset is sent as its UTC time and read back with offset zero.
internal sealed class DateTimeOffsetConverter : XmlRpcConverter<DateTimeOffset>
{
    public override string SignatureName => XmlRpcTypeNames.DateTime;

    public override DateTimeOffset Read(XmlRpcValue value) =>
        value is XmlRpcDateTime d
            ? new DateTimeOffset(DateTime.SpecifyKind(d.Value, DateTimeKind.Utc))
            : throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.DateTime, value);

    public override XmlRpcValue Write(DateTimeOffset value) => new XmlRpcDateTime(value.UtcDateTime);
}

internal sealed class BytesConverter : XmlRpcConverter<byte[]>
{
    public override string SignatureName => XmlRpcTypeNames.Base64;

    public override byte[] Read(XmlRpcValue value) =>
        value is XmlRpcBase64 b ? b.Value.ToArray() : throw XmlRpcConversionException.Mismatch(XmlRpcTypeNames.Base64, value);

    public override XmlRpcValue Write(byte[] value) =>
        value is null ? throw new XmlRpcConversionException("null cannot be sent as base64: declare the type nullable (byte[]?) to send nil") : new XmlRpcBase64(value);
}

/// <summary>The raw value, for a method that must see the wire type; also any subclass (XmlRpcStruct, XmlRpcArray...).</summary>
internal sealed class RawConverter<TValue>(string signatureName) : XmlRpcConverter<TValue>
    where TValue : XmlRpcValue
{
    public override string SignatureName { get; } = signatureName;

    public override TValue Read(XmlRpcValue value) =>
        value as TValue ?? throw XmlRpcConversionException.Mismatch(SignatureName, value);

    public override XmlRpcValue Write(TValue value) => value ?? XmlRpcValue.Nil;
}
