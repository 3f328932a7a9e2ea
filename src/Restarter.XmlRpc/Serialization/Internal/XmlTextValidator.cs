using System.Buffers;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Checks that a string can be carried by an XML 1.0 document. Python writes any string and produces documents its own
/// parser then rejects (a NUL, a lone surrogate); we refuse such a value before writing a single byte.
/// </summary>
internal static class XmlTextValidator
{
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(BuildSuspicious());

    public static void Validate(string text, string what)
    {
        var index = FindInvalid(text);
        if (index >= 0)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.InvalidValue,
                $"The {what} contains U+{(int)text[index]:X4} at index {index}, which XML 1.0 cannot carry.");
        }
    }

    /// <summary>The index of the first character XML 1.0 cannot carry, or -1.</summary>
    public static int FindInvalid(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var found = text[offset..].IndexOfAny(Suspicious);
            if (found < 0)
            {
                return -1;
            }

            var index = offset + found;
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                offset = index + 2;
                continue;
            }

            return index;
        }
    }

    private static string BuildSuspicious()
    {
        var chars = new List<char>();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                chars.Add(c);
            }
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Add(c);
        }

        chars.Add('\uFFFE');
        chars.Add('\uFFFF');
        return new string([.. chars]);
    }
}
