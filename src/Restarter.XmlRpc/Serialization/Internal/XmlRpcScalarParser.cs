using System.Globalization;
using System.Numerics;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>Turns the text of a scalar type element into a value, accepting what Python's <c>Unmarshaller</c> accepts.</summary>
internal static class XmlRpcScalarParser
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyyMMdd'T'HH':'mm':'ss",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        "yyyyMMdd'T'HHmmss",
        "yyyyMMdd'T'HH':'mm':'ss'.'FFFFFFF",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF",
        "yyyyMMdd'T'HH':'mm':'ss'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFF'Z'",
    ];

    /// <summary>How integers are parsed, here and from bytes by <see cref="XmlRpcUtf8ScalarParser"/>: the two must agree.</summary>
    internal const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;

    /// <summary>How doubles are parsed, here and from bytes by <see cref="XmlRpcUtf8ScalarParser"/>: the two must agree.</summary>
    internal const NumberStyles DoubleStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static XmlRpcValue Parse(XmlRpcTypeTag tag, string elementName, string text, XmlRpcReaderOptions options) => tag switch
    {
        XmlRpcTypeTag.Integer => ParseInteger(elementName, text, options),
        XmlRpcTypeTag.Boolean => ParseBoolean(text),
        XmlRpcTypeTag.String => new XmlRpcString(text),
        XmlRpcTypeTag.Double => ParseDouble(elementName, text, options),
        XmlRpcTypeTag.DateTime => ParseDateTime(text),
        XmlRpcTypeTag.Base64 => ParseBase64(text),
        XmlRpcTypeTag.Nil => ParseNil(text),
        _ => throw new InvalidOperationException($"<{elementName}> is not a scalar."),
    };

    private static XmlRpcInteger ParseInteger(string elementName, string text, XmlRpcReaderOptions options)
    {
        var trimmed = CheckNumberLength(elementName, text, options.MaxNumberLength);
        if (long.TryParse(trimmed, IntegerStyle, CultureInfo.InvariantCulture, out var value))
        {
            return new XmlRpcInteger(value);
        }

        var digits = trimmed.StartsWith('-') || trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            throw Invalid($"The integer in <{elementName}> does not fit in 64 bits.");
        }

        throw Invalid($"<{elementName}> holds '{Abbreviate(text)}', which is not an integer.");
    }

    // Python accepts exactly "0" and "1", without surrounding whitespace.
    private static XmlRpcBoolean ParseBoolean(string text) => text switch
    {
        "0" => XmlRpcBoolean.False,
        "1" => XmlRpcBoolean.True,
        _ => throw Invalid($"<boolean> holds '{Abbreviate(text)}'; it must be 0 or 1."),
    };

    private static XmlRpcDouble ParseDouble(string elementName, string text, XmlRpcReaderOptions options)
    {
        var trimmed = CheckNumberLength(elementName, text, options.MaxDoubleLength);

        // Python's float() spellings of the special values (nan, inf, infinity, any case, optionally signed).
        var unsigned = trimmed.AsSpan();
        var negative = false;
        if (unsigned.Length > 0 && unsigned[0] is '+' or '-')
        {
            negative = unsigned[0] == '-';
            unsigned = unsigned[1..];
        }

        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return new XmlRpcDouble(double.NaN);
        }

        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return new XmlRpcDouble(negative ? double.NegativeInfinity : double.PositiveInfinity);
        }

        if (double.TryParse(trimmed, DoubleStyle, CultureInfo.InvariantCulture, out var value))
        {
            return new XmlRpcDouble(value);
        }

        throw Invalid($"<{elementName}> holds '{Abbreviate(text)}', which is not a number.");
    }

    private static XmlRpcDateTime ParseDateTime(string text)
    {
        var trimmed = TrimXmlWhitespace(text);
        if (TryParseBasicDateTime(trimmed.AsSpan(), out var basic))
        {
            return new XmlRpcDateTime(basic);
        }

        if (DateTime.TryParseExact(trimmed, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return new XmlRpcDateTime(value);
        }

        throw Invalid($"<dateTime.iso8601> holds '{Abbreviate(text)}'; expected a date such as 19980717T14:08:55.");
    }

    /// <summary>
    /// The form nearly every client writes, 19980717T14:08:55, without the format machinery of
    /// <see cref="DateTime.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTime)"/>. Only a
    /// plainly valid date and time is taken; anything else is left to it. For characters and for UTF-8 bytes.
    /// </summary>
    internal static bool TryParseBasicDateTime<TChar>(ReadOnlySpan<TChar> text, out DateTime value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = default;
        if (text.Length != 17 || int.CreateTruncating(text[8]) != 'T' || int.CreateTruncating(text[11]) != ':' || int.CreateTruncating(text[14]) != ':')
        {
            return false;
        }

        static int Digits(ReadOnlySpan<TChar> digits)
        {
            var number = 0;
            foreach (var character in digits)
            {
                var digit = int.CreateTruncating(character) - '0';
                if (digit is < 0 or > 9)
                {
                    return -1;
                }

                number = (number * 10) + digit;
            }

            return number;
        }

        var (year, month, day) = (Digits(text[..4]), Digits(text[4..6]), Digits(text[6..8]));
        var (hour, minute, second) = (Digits(text[9..11]), Digits(text[12..14]), Digits(text[15..17]));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static XmlRpcBase64 ParseBase64(string text)
    {
        // Convert skips the whitespace (line breaks of base64.encodebytes) itself.
        var buffer = new byte[text.Length / 4 * 3 + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            return new XmlRpcBase64(buffer.AsMemory(0, written));
        }

        throw Invalid("<base64> does not hold valid base64.");
    }

    private static XmlRpcNil ParseNil(string text) =>
        IsXmlWhitespace(text) ? XmlRpcNil.Instance : throw Invalid("<nil/> must be empty.");

    private static string CheckNumberLength(string elementName, string text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.LimitExceeded,
                $"The number in <{elementName}> has {text.Length} characters; at most {maxLength} are allowed.");
        }

        return TrimXmlWhitespace(text);
    }

    internal static bool IsXmlWhitespace(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(" \t\r\n") < 0;

    private static string TrimXmlWhitespace(string text)
    {
        var trimmed = text.AsSpan().Trim(" \t\r\n");
        return trimmed.Length == text.Length ? text : trimmed.ToString();
    }

    private static string Abbreviate(string text) => XmlTextValidator.Abbreviate(text);

    private static XmlRpcFormatException Invalid(string message) => new(XmlRpcFormatError.InvalidValue, message);
}
