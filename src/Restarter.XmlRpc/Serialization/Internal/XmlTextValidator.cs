namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Checks that a string can be carried by an XML 1.0 document. Python writes any string and produces documents its own
/// parser then rejects (a NUL, a lone surrogate); we refuse such a value before writing a single byte.
/// </summary>
internal static class XmlTextValidator
{
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

    /// <summary>
    /// <paramref name="text"/> with every character XML 1.0 cannot carry written as <c>\uXXXX</c>: for error messages
    /// that quote the input (XmlReader quotes the bad character itself), which end up in a fault.
    /// </summary>
    public static string Escape(string text)
    {
        var index = FindInvalid(text);
        if (index < 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        var start = 0;
        while (index >= 0)
        {
            builder.Append(text, start, index - start).Append($"\\u{(int)text[index]:X4}");
            start = index + 1;
            var next = FindInvalid(text.AsSpan(start));
            index = next < 0 ? -1 : start + next;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/> for a message, never cutting a surrogate pair.</summary>
    public static string Abbreviate(string text, int max = 40)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut] + "...";
    }

    /// <summary>The index of the first character XML 1.0 cannot carry, or -1.</summary>
    public static int FindInvalid(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            // Nearly all text is in [U+0020, U+D7FF]: one vectorized range check finds what needs a closer look.
            var found = text[offset..].IndexOfAnyExceptInRange(' ', '\uD7FF');
            if (found < 0)
            {
                return -1;
            }

            var index = offset + found;
            var character = text[index];
            if (character is '\t' or '\n' or '\r' or (>= '\uE000' and <= '\uFFFD'))
            {
                offset = index + 1;
                continue;
            }

            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                offset = index + 2;
                continue;
            }

            return index;
        }
    }
}
