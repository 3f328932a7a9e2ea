using System.Text;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Decides how the bytes of a document are decoded, from its byte order mark or the <c>encoding</c> of its XML
/// declaration (UTF-8 when neither says), and returns a decoder that throws on bytes invalid in that encoding.
/// <see cref="System.Xml.XmlReader"/> decodes a declared encoding with a replacement fallback: <c>encoding="US-ASCII"</c>
/// with a byte 0xE9 would silently become '?', where expat (and so Python) refuses the document.
/// </summary>
internal static class DeclaredEncoding
{
    /// <summary>How many bytes are looked at for the XML declaration; a declaration is a few dozen bytes.</summary>
    public const int MaxPrologBytes = 1024;

    /// <param name="prolog">The first bytes of the document (at most <see cref="MaxPrologBytes"/>).</param>
    /// <exception cref="XmlRpcFormatException">The declared encoding is unknown here, or contradicts the bytes.</exception>
    public static Encoding Detect(ReadOnlySpan<byte> prolog)
    {
        // Byte order marks; StreamReader skips the one matching the encoding's preamble.
        if (prolog.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true);
        }

        if (prolog.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: true);
        }

        if (prolog.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);
        }

        if (prolog.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true);
        }

        if (prolog.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true);
        }

        // UTF-16 without a byte order mark, recognised by "<?" (XML 1.0 appendix F).
        if (prolog.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x3F, 0x00]))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        if (prolog.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C, 0x00, 0x3F]))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        var name = ReadDeclaration(prolog)?.Encoding;
        if (name is null)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }

        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException e)
        {
            throw new XmlRpcFormatException(XmlRpcFormatError.UnsupportedEncoding, $"The declared encoding '{name}' is not supported.", e);
        }

        // Here the declaration was read as ASCII, so the bytes are not UTF-16 or UTF-32 whatever it says.
        if (encoding.CodePage is 1200 or 1201 or 12000 or 12001)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.MalformedXml, $"The document declares encoding '{name}' but its bytes are not {encoding.WebName}.");
        }

        return encoding;
    }

    /// <summary>
    /// The ASCII-compatible <c>&lt;?xml ...?&gt;</c> at the very start of <paramref name="prolog"/>, or null when there is
    /// none (or it does not end within the prolog). The whole declaration is checked here (version, encoding, standalone,
    /// in that order): the reader gets characters and no longer looks at it closely.
    /// </summary>
    /// <exception cref="XmlRpcFormatException">The declaration is not well-formed.</exception>
    public static XmlDeclaration? ReadDeclaration(ReadOnlySpan<byte> prolog)
    {
        if (!prolog.StartsWith("<?xml"u8) || prolog.Length < 6 || !IsSpace(prolog[5]))
        {
            return null;
        }

        var end = prolog.IndexOf("?>"u8);
        if (end < 0)
        {
            // Longer than the prolog buffer: no real client writes that. XmlReader refuses what is wrong in it.
            return null;
        }

        var rest = prolog[5..end];
        string? encoding = null;
        var isVersion10 = false;
        var order = 0;
        while (true)
        {
            var trimmed = rest.TrimStart(" \t\r\n"u8);
            if (trimmed.Length == 0)
            {
                break;
            }

            if (trimmed.Length == rest.Length)
            {
                throw BadDeclaration("pseudo-attributes must be separated by white space");
            }

            var nameEnd = trimmed.IndexOfAny(" \t\r\n="u8);
            var name = nameEnd < 0 ? trimmed : trimmed[..nameEnd];
            rest = trimmed[name.Length..].TrimStart(" \t\r\n"u8);
            if (rest.Length == 0 || rest[0] != (byte)'=')
            {
                throw BadDeclaration("expected '=' after a pseudo-attribute");
            }

            rest = rest[1..].TrimStart(" \t\r\n"u8);
            if (rest.Length == 0 || rest[0] is not ((byte)'"' or (byte)'\''))
            {
                throw BadDeclaration("a pseudo-attribute's value must be quoted");
            }

            var close = rest[1..].IndexOf(rest[0]);
            if (close < 0)
            {
                throw BadDeclaration("a quote is not closed");
            }

            var value = rest.Slice(1, close);
            rest = rest[(close + 2)..];
            if (name.SequenceEqual("version"u8) && order == 0)
            {
                if (value.Length < 3 || !value.StartsWith("1."u8) || value[2..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
                {
                    throw BadDeclaration("the version must be 1.x");
                }

                isVersion10 = value.SequenceEqual("1.0"u8);
                order = 1;
            }
            else if (name.SequenceEqual("encoding"u8) && order == 1)
            {
                // XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*.
                if (value.Length == 0 || !char.IsAsciiLetter((char)value[0])
                    || value.IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"u8) >= 0)
                {
                    throw BadDeclaration("the encoding is not a valid encoding name");
                }

                encoding = Encoding.ASCII.GetString(value);
                order = 2;
            }
            else if (name.SequenceEqual("standalone"u8) && order is 1 or 2)
            {
                if (!value.SequenceEqual("yes"u8) && !value.SequenceEqual("no"u8))
                {
                    throw BadDeclaration("standalone must be yes or no");
                }

                order = 3;
            }
            else
            {
                throw BadDeclaration("expected version, then optionally encoding and standalone");
            }
        }

        return order == 0 ? throw BadDeclaration("the version is missing") : new XmlDeclaration(end + 2, isVersion10, encoding);
    }

    private static XmlRpcFormatException BadDeclaration(string why) =>
        new(XmlRpcFormatError.MalformedXml, $"The document is not well-formed XML: its XML declaration is not well-formed ({why}).");

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
