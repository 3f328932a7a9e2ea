using System.Buffers;
using System.Text;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Reads the tokens of a UTF-8 document straight from its bytes, as <c>Utf8JsonReader</c> reads JSON: no decoding to
/// characters up front, no string per tag, the text of a token decoded only when the grammar asks for it. It reads the
/// part of XML that XML-RPC clients write: an optional byte order mark and UTF-8 XML declaration, elements without
/// attributes or prefixes, text with the predefined entities and character references.
/// <para>
/// Anything else (a comment, CDATA, a processing instruction, a DOCTYPE, an attribute and so a namespace declaration, a
/// prefixed or non-ASCII name) and anything that is not well-formed, it declines with
/// <see cref="Utf8TokenReaderDeclinedException"/>: the caller then reads the whole document again with
/// <see cref="XmlReaderTokenReader"/>, whose answer is the only one. So this reader must never accept what that one
/// refuses, nor read anything differently; a differential test and the fuzzer hold it to that.
/// </para>
/// </summary>
internal sealed class Utf8TokenReader : IXmlRpcTokenReader
{
    // What text needs a closer look at: control characters (tab and LF pass; CR is normalized), the start of a
    // reference, '>' (for "]]>"), and 0xEF, the lead byte of U+FFFE and U+FFFF, which XML does not allow.
    private static readonly SearchValues<byte> TextSpecials = SearchValues.Create(
    [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
        0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
        (byte)'&', (byte)'>', 0xEF,
    ]);

    private static readonly SearchValues<byte> XmlWhitespace = SearchValues.Create(" \t\r\n"u8);

    // The characters of the names read here; others (':' of a prefix, non-ASCII) are left to XmlReader.
    private static readonly SearchValues<byte> NameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"u8);

    private readonly byte[] _bytes;
    private readonly int _end;
    private int _position;
    private OpenElement[] _open = new OpenElement[16];
    private int _depth;
    private bool _sawRoot;
    private bool _emptyElementPending;
    private int _textStart;
    private int _textLength;
    private bool _textNeedsDecoding;
    private string? _text = "";
    private char[]? _chars;

    /// <param name="document">The whole document, already checked to be valid UTF-8.</param>
    public Utf8TokenReader(ArraySegment<byte> document)
    {
        _bytes = document.Array ?? throw new ArgumentNullException(nameof(document));
        _position = document.Offset;
        _end = document.Offset + document.Count;
        if (document.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _position += 3;
        }

        if (Remaining.StartsWith("<?xml"u8))
        {
            _position = ReadDeclaration(_position);
        }
    }

    public XmlRpcTokenKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string Text => _text ??= MaterializeText();

    public bool IsWhitespace => _textNeedsDecoding
        ? XmlRpcScalarParser.IsXmlWhitespace(Text)
        : _bytes.AsSpan(_textStart, _textLength).IndexOfAnyExcept(XmlWhitespace) < 0;

    private ReadOnlySpan<byte> Remaining => _bytes.AsSpan(_position, _end - _position);

    public XmlRpcTokenKind Read()
    {
        _textLength = 0;
        _textNeedsDecoding = false;
        _text = "";
        if (_emptyElementPending)
        {
            _emptyElementPending = false;
            _depth--;
            return Kind = XmlRpcTokenKind.EndElement;
        }

        var position = _position;
        if (_depth == 0)
        {
            // Outside the root element only whitespace may stand.
            position = SkipWhitespace(position);
            _position = position;
            if (position == _end)
            {
                return _sawRoot ? Kind = XmlRpcTokenKind.EndOfDocument : throw Decline("the document has no root element");
            }

            if (_sawRoot || _bytes[position] != (byte)'<')
            {
                throw Decline("something other than whitespace outside the root element");
            }
        }
        else if (position == _end)
        {
            throw Decline("the document ends inside an element");
        }
        else if (_bytes[position] != (byte)'<')
        {
            var length = Remaining.IndexOf((byte)'<');
            if (length < 0)
            {
                throw Decline("the document ends inside an element");
            }

            SetText(position, length);
            _position = position + length;
            return Kind = XmlRpcTokenKind.Text;
        }

        return ReadTag(position);
    }

    private XmlRpcTokenKind ReadTag(int position)
    {
        var tag = _bytes.AsSpan(position + 1, _end - position - 1);
        if (tag.IsEmpty)
        {
            throw Decline("the document ends in a tag");
        }

        if (tag[0] == (byte)'/')
        {
            // An end tag can only be that of the open element: compare with its name instead of scanning a name.
            if (_depth == 0)
            {
                throw Decline("an end tag without a start tag");
            }

            var open = _open[_depth - 1];
            tag = tag[1..];
            if (!tag.StartsWith(_bytes.AsSpan(open.NameStart, open.NameLength)))
            {
                throw Decline("an end tag that does not match its start tag");
            }

            var close = SkipWhitespace(tag, open.NameLength);
            if (close == tag.Length || tag[close] != (byte)'>')
            {
                throw Decline("an end tag that does not match its start tag, or a malformed one");
            }

            _depth--;
            _position = position + 2 + close + 1;
            Name = open.Name;
            return Kind = XmlRpcTokenKind.EndElement;
        }

        if (tag[0] is (byte)'?' or (byte)'!')
        {
            throw Decline("a comment, CDATA section, processing instruction or DOCTYPE");
        }

        {
            var nameLength = ScanName(tag);
            var close = SkipWhitespace(tag, nameLength);
            if (close < tag.Length && tag[close] == (byte)'>')
            {
                _position = position + 1 + close + 1;
            }
            else if (close + 1 < tag.Length && tag[close] == (byte)'/' && tag[close + 1] == (byte)'>')
            {
                _position = position + 1 + close + 2;
                _emptyElementPending = true;
            }
            else
            {
                throw Decline("a start tag with attributes, or a malformed one");
            }

            var name = tag[..nameLength];
            Name = XmlRpcElementNames.Find(name) ?? Encoding.ASCII.GetString(name);
            Push(new OpenElement(position + 1, nameLength, Name));
            _sawRoot = true;
            return Kind = XmlRpcTokenKind.StartElement;
        }
    }

    /// <summary>The length of the ASCII name <paramref name="tag"/> starts with: [A-Za-z_][A-Za-z0-9_.-]*, ended by whitespace, '&gt;' or '/'.</summary>
    private static int ScanName(ReadOnlySpan<byte> tag)
    {
        if (!char.IsAsciiLetter((char)tag[0]) && tag[0] != (byte)'_')
        {
            throw Decline("a name that does not start with an ASCII letter or '_'");
        }

        var length = tag.IndexOfAnyExcept(NameCharacters);
        if (length < 0 || tag[length] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/'))
        {
            throw Decline("a name with a prefix or with characters outside [A-Za-z0-9_.-]");
        }

        return length;
    }

    private void SetText(int start, int length)
    {
        var text = _bytes.AsSpan(start, length);
        var special = text.IndexOfAny(TextSpecials);
        _textNeedsDecoding = special >= 0 && CheckText(text, special);
        _textStart = start;
        _textLength = length;
        _text = null;
        Name = "";
    }

    /// <summary>Checks text from its first special byte on; true when it holds references or CRs to decode.</summary>
    private static bool CheckText(ReadOnlySpan<byte> text, int index)
    {
        var needsDecoding = false;
        while (true)
        {
            switch (text[index])
            {
                case (byte)'&':
                    index += ReadReference(text[index..], out _);
                    needsDecoding = true;
                    break;
                case (byte)'\r':
                    index++;
                    needsDecoding = true;
                    break;
                case (byte)'>':
                    if (index >= 2 && text[index - 1] == (byte)']' && text[index - 2] == (byte)']')
                    {
                        throw Decline("']]>' in text");
                    }

                    index++;
                    break;
                case 0xEF:
                    if (index + 2 < text.Length && text[index + 1] == 0xBF && text[index + 2] is 0xBE or 0xBF)
                    {
                        throw Decline("U+FFFE or U+FFFF in text");
                    }

                    index++;
                    break;
                default:
                    throw Decline("a control character in text");
            }

            var next = text[index..].IndexOfAny(TextSpecials);
            if (next < 0)
            {
                return needsDecoding;
            }

            index += next;
        }
    }

    /// <summary>Reads the reference at the start of <paramref name="text"/>; returns its length in bytes.</summary>
    private static int ReadReference(ReadOnlySpan<byte> text, out int codePoint)
    {
        // The longest reference read here is "&#1114111;" (10 bytes); longer ones (leading zeros) are declined.
        var semicolon = text[..Math.Min(text.Length, 11)].IndexOf((byte)';');
        if (semicolon < 0)
        {
            throw Decline("a reference without ';' close by");
        }

        var name = text[1..semicolon];
        codePoint = name switch
        {
            [(byte)'l', (byte)'t'] => '<',
            [(byte)'g', (byte)'t'] => '>',
            [(byte)'a', (byte)'m', (byte)'p'] => '&',
            [(byte)'a', (byte)'p', (byte)'o', (byte)'s'] => '\'',
            [(byte)'q', (byte)'u', (byte)'o', (byte)'t'] => '"',
            [(byte)'#', (byte)'x', .. var hex] => ParseCharacterNumber(hex, 16),
            [(byte)'#', .. var digits] => ParseCharacterNumber(digits, 10),
            _ => throw Decline("an entity reference other than the five predefined ones"),
        };
        return semicolon + 1;
    }

    private static int ParseCharacterNumber(ReadOnlySpan<byte> digits, int radix)
    {
        if (digits.IsEmpty)
        {
            throw Decline("a character reference without digits");
        }

        var value = 0;
        foreach (var digit in digits)
        {
            var digitValue = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' when radix == 16 => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when radix == 16 => digit - 'A' + 10,
                _ => throw Decline("a character reference with a character that is not a digit"),
            };
            value = (value * radix) + digitValue;
        }

        return IsXmlCharacter(value) ? value : throw Decline("a character reference to a character XML does not allow");
    }

    private static bool IsXmlCharacter(int value) =>
        value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private string MaterializeText()
    {
        var text = _bytes.AsSpan(_textStart, _textLength);
        if (_textNeedsDecoding)
        {
            return Decode(text);
        }

        return text switch
        {
            [] => "",
            [(byte)'\n'] => "\n",
            [(byte)' '] => " ",
            _ => Encoding.UTF8.GetString(text),
        };
    }

    /// <summary>Replaces references and normalizes line ends (CR LF and a lone CR become LF), as XML requires.</summary>
    private string Decode(ReadOnlySpan<byte> text)
    {
        // Never more characters than bytes: a reference is longer than what it stands for, and so is UTF-8.
        if (_chars is null || _chars.Length < text.Length)
        {
            _chars = new char[Math.Max(text.Length, 256)];
        }

        var chars = _chars.AsSpan();
        var written = 0;
        while (true)
        {
            var special = text.IndexOfAny((byte)'&', (byte)'\r');
            written += Encoding.UTF8.GetChars(special < 0 ? text : text[..special], chars[written..]);
            if (special < 0)
            {
                return new string(chars[..written]);
            }

            if (text[special] == (byte)'\r')
            {
                chars[written++] = '\n';
                text = text[(special + 1)..];
                if (text is [(byte)'\n', ..])
                {
                    text = text[1..];
                }
            }
            else
            {
                var length = ReadReference(text[special..], out var codePoint);
                written += new Rune(codePoint).EncodeToUtf16(chars[written..]);
                text = text[(special + length)..];
            }
        }
    }

    /// <summary>
    /// The declaration is read strictly, and only in the shape clients write: version 1.0, an encoding of UTF-8, a
    /// standalone; anything else is left to XmlReader.
    /// </summary>
    private int ReadDeclaration(int position)
    {
        position += 5;
        var afterSpace = SkipWhitespace(position);
        if (afterSpace == position)
        {
            throw Decline("a processing instruction whose target starts with 'xml'");
        }

        position = ReadPseudoAttribute(afterSpace, "version"u8, out var version);
        if (!version.SequenceEqual("1.0"u8))
        {
            throw Decline("an XML version other than 1.0");
        }

        afterSpace = SkipWhitespace(position);
        if (afterSpace > position && _bytes.AsSpan(afterSpace, _end - afterSpace).StartsWith("encoding"u8))
        {
            position = ReadPseudoAttribute(afterSpace, "encoding"u8, out var encoding);
            if (!Ascii.EqualsIgnoreCase(encoding, "utf-8"u8))
            {
                throw Decline("a declared encoding other than UTF-8");
            }

            afterSpace = SkipWhitespace(position);
        }

        if (afterSpace > position && _bytes.AsSpan(afterSpace, _end - afterSpace).StartsWith("standalone"u8))
        {
            position = ReadPseudoAttribute(afterSpace, "standalone"u8, out var standalone);
            if (!standalone.SequenceEqual("yes"u8) && !standalone.SequenceEqual("no"u8))
            {
                throw Decline("standalone is neither yes nor no");
            }

            afterSpace = SkipWhitespace(position);
        }

        if (!_bytes.AsSpan(afterSpace, _end - afterSpace).StartsWith("?>"u8))
        {
            throw Decline("an XML declaration in another shape");
        }

        return afterSpace + 2;
    }

    /// <summary>Reads <c>name S? = S? 'value'</c> (or with double quotes) at <paramref name="position"/>.</summary>
    private int ReadPseudoAttribute(int position, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (!_bytes.AsSpan(position, _end - position).StartsWith(name))
        {
            throw Decline("an XML declaration in another shape");
        }

        position = SkipWhitespace(position + name.Length);
        if (position == _end || _bytes[position] != (byte)'=')
        {
            throw Decline("an XML declaration in another shape");
        }

        position = SkipWhitespace(position + 1);
        if (position == _end || _bytes[position] is not ((byte)'"' or (byte)'\''))
        {
            throw Decline("an XML declaration in another shape");
        }

        var quote = _bytes[position];
        var rest = _bytes.AsSpan(position + 1, _end - position - 1);
        var close = rest.IndexOf(quote);
        if (close < 0)
        {
            throw Decline("an XML declaration in another shape");
        }

        value = rest[..close];
        return position + 1 + close + 1;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> bytes, int index)
    {
        while (index < bytes.Length && bytes[index] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            index++;
        }

        return index;
    }

    private int SkipWhitespace(int position) => SkipWhitespace(_bytes.AsSpan(0, _end), position);

    private void Push(OpenElement element)
    {
        if (_depth == _open.Length)
        {
            Array.Resize(ref _open, _open.Length * 2);
        }

        _open[_depth++] = element;
    }

    private static Utf8TokenReaderDeclinedException Decline(string reason) => new(reason);

    private readonly record struct OpenElement(int NameStart, int NameLength, string Name);
}
