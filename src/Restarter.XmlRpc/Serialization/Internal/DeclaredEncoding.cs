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

    /// <param name="prolog">The first bytes of the document (up to the first '&gt;' or <see cref="MaxPrologBytes"/>).</param>
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

        var name = FindDeclaredName(prolog);
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

    /// <summary>The value of <c>encoding</c> in an ASCII-compatible <c>&lt;?xml ...?&gt;</c> at the very start, or null.</summary>
    private static string? FindDeclaredName(ReadOnlySpan<byte> prolog)
    {
        if (!prolog.StartsWith("<?xml"u8) || prolog.Length < 6 || !IsSpace(prolog[5]))
        {
            return null;
        }

        var end = prolog.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var declaration = prolog[..end];
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0 || !IsSpace(declaration[at - 1]))
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] != (byte)'=')
        {
            return null;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return null;
        }

        var quote = rest[0];
        rest = rest[1..];
        var close = rest.IndexOf(quote);
        if (close <= 0)
        {
            return null;
        }

        // XML's EncName: [A-Za-z] ([A-Za-z0-9._] | '-')*. Anything else is left for XmlReader to refuse.
        var value = rest[..close];
        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)'-'))
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(value);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
