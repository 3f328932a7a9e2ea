using System.Globalization;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Formats a double exactly as Python's <c>repr(float)</c>: the shortest digits that round-trip (which .NET's "R" also
/// finds), laid out fixed while the decimal exponent is in [-4, 16) and scientific beyond (<c>1e+16</c>, <c>1e-05</c>),
/// with <c>.0</c> on integral values, and <c>nan</c>, <c>inf</c>, <c>-inf</c>.
/// </summary>
internal static class PythonFloatFormatter
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : "";

        // pointPosition is Python's decpt: value = 0.DIGITS * 10^pointPosition.
        if (pointPosition is > -4 and <= 16)
        {
            if (pointPosition <= 0)
            {
                return sign + "0." + new string('0', -pointPosition) + digits;
            }

            if (pointPosition < digits.Length)
            {
                return sign + digits[..pointPosition] + "." + digits[pointPosition..];
            }

            return sign + digits + new string('0', pointPosition - digits.Length) + ".0";
        }

        var exponent = pointPosition - 1;
        var mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The significant digits of a positive finite value (no leading or trailing zeros) and where the point goes.</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E');
        var exponent = 0;
        var mantissa = text;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..exponentAt];
        }

        var dot = mantissa.IndexOf('.');
        var integerDigits = dot >= 0 ? dot : mantissa.Length;
        var digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        var pointPosition = integerDigits + exponent;

        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits, pointPosition - leadingZeros);
    }
}
