using System.Globalization;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Numbers, booleans and dates straight from the UTF-8 bytes of a document, without making a string of them first.
/// Returns null whenever <see cref="XmlRpcScalarParser"/> could answer otherwise (an error, a limit, a special spelling
/// such as <c>nan</c>): that one then decides, with its wording.
/// </summary>
internal static class XmlRpcUtf8ScalarParser
{
    public static bool Handles(XmlRpcTypeTag tag) =>
        tag is XmlRpcTypeTag.Integer or XmlRpcTypeTag.Boolean or XmlRpcTypeTag.Double or XmlRpcTypeTag.DateTime;

    public static XmlRpcValue? TryParse(XmlRpcTypeTag tag, ReadOnlySpan<byte> text, XmlRpcReaderOptions options) => tag switch
    {
        XmlRpcTypeTag.Integer => TryParseInteger(text, options),
        XmlRpcTypeTag.Boolean => text switch
        {
            [(byte)'0'] => XmlRpcBoolean.False,
            [(byte)'1'] => XmlRpcBoolean.True,
            _ => null,
        },
        XmlRpcTypeTag.Double => TryParseDouble(text, options),
        XmlRpcTypeTag.DateTime => XmlRpcScalarParser.TryParseBasicDateTime(Trim(text), out var value) ? new XmlRpcDateTime(value) : null,
        _ => null,
    };

    private static XmlRpcInteger? TryParseInteger(ReadOnlySpan<byte> text, XmlRpcReaderOptions options) =>
        text.Length <= options.MaxNumberLength
        && long.TryParse(Trim(text), XmlRpcScalarParser.IntegerStyle, CultureInfo.InvariantCulture, out var value)
            ? new XmlRpcInteger(value)
            : null;

    private static XmlRpcDouble? TryParseDouble(ReadOnlySpan<byte> text, XmlRpcReaderOptions options)
    {
        // Only digits, signs, points and exponents: the spellings of infinity and NaN are the string parser's.
        var trimmed = Trim(text);
        return text.Length <= options.MaxDoubleLength
            && !trimmed.IsEmpty
            && trimmed.IndexOfAnyExcept("0123456789+-.eE"u8) < 0
            && double.TryParse(trimmed, XmlRpcScalarParser.DoubleStyle, CultureInfo.InvariantCulture, out var value)
                ? new XmlRpcDouble(value)
                : null;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(" \t\r\n"u8);
}
