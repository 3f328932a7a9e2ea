using System.Runtime.CompilerServices;
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
/// <para>
/// A mutable struct, so that <see cref="XmlRpcDocumentReader{TTokens}"/> is compiled for it and calls it directly:
/// NativeAOT has no profile-guided devirtualization, and an interface call per token showed in its profile.
/// </para>
/// </summary>
internal struct Utf8TokenReader : IXmlRpcTokenReader
{
    internal const byte Ordinary = 0;
    internal const byte EndOfText = 1;
    internal const byte CloserLook = 2;

    // The class of each byte in text: '<' ends it; a closer look for control characters (tab and LF are ordinary, CR
    // is normalized), the start of a reference, '>' (for "]]>"), and 0xEF, the lead byte of U+FFFE and U+FFFF, which
    // XML does not allow. A table rather than SearchValues: texts are short, and one scalar pass finds both. Checked
    // against that rule, byte by byte, by Utf8TokenReaderTests.
    internal static ReadOnlySpan<byte> TextByteClass =>
    [
        2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    // The ASCII characters of the names read here, [A-Za-z0-9_.-]; others (':' of a prefix, non-ASCII) are left to
    // XmlReader. A table: it measured 8-15% faster on the echo parse under NativeAOT than the same test as comparisons.
    internal static ReadOnlySpan<byte> IsNameCharacter =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];

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

        // Read (and checked) by the same code that found the encoding; only version 1.0 and UTF-8 are read here.
        var prolog = _bytes.AsSpan(_position, Math.Min(_end - _position, DeclaredEncoding.MaxPrologBytes));
        if (DeclaredEncoding.ReadDeclaration(prolog) is { } declaration)
        {
            if (!declaration.IsVersion10 || (declaration.Encoding is { } encoding && !encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            {
                throw Decline("an XML declaration with another version or encoding");
            }

            _position += declaration.Length;
        }
    }

    public XmlRpcTokenKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string Text => _text ??= MaterializeText();

    public bool IsWhitespace => _textNeedsDecoding
        ? XmlRpcScalarParser.IsXmlWhitespace(Text)
        : IsXmlWhitespace(_bytes.AsSpan(_textStart, _textLength));

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
            return ReadText(position);
        }

        return ReadTag(position);
    }

    public XmlRpcTokenKind ReadSignificant()
    {
        if (!_emptyElementPending && _depth > 0)
        {
            // Whitespace and then a tag (Python writes a newline between most tags): go straight to the tag.
            var next = SkipWhitespace(_position);
            if (next < _end && _bytes[next] == (byte)'<')
            {
                _position = next;
            }
        }

        var token = Read();
        return token == XmlRpcTokenKind.Text && IsWhitespace ? Read() : token;
    }

    public readonly bool TryGetUtf8Text(out ReadOnlySpan<byte> utf8)
    {
        utf8 = _bytes.AsSpan(_textStart, _textLength);
        return Kind == XmlRpcTokenKind.Text && !_textNeedsDecoding;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanName(ReadOnlySpan<byte> tag)
    {
        if (!char.IsAsciiLetter((char)tag[0]) && tag[0] != (byte)'_')
        {
            throw Decline("a name that does not start with an ASCII letter or '_'");
        }

        var names = IsNameCharacter;
        var length = 1;
        while (length < tag.Length && tag[length] < names.Length && names[tag[length]] != 0)
        {
            length++;
        }

        if (length == tag.Length || tag[length] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/'))
        {
            throw Decline("a name with a prefix or with characters outside [A-Za-z0-9_.-]");
        }

        return length;
    }

    private XmlRpcTokenKind ReadText(int start)
    {
        var text = _bytes.AsSpan(start, _end - start);
        var classes = TextByteClass;
        var length = 0;
        var firstCloserLook = -1;
        for (; length < text.Length; length++)
        {
            var byteClass = classes[text[length]];
            if (byteClass != Ordinary)
            {
                if (byteClass == EndOfText)
                {
                    break;
                }

                if (firstCloserLook < 0)
                {
                    firstCloserLook = length;
                }
            }
        }

        if (length == text.Length)
        {
            throw Decline("the document ends inside an element");
        }

        _textNeedsDecoding = firstCloserLook >= 0 && CheckText(text[..length], firstCloserLook);
        _textStart = start;
        _textLength = length;
        _text = null;
        _position = start + length;
        Name = "";
        return Kind = XmlRpcTokenKind.Text;
    }

    /// <summary>Checks text from the first byte that needs a closer look; true when it holds references or CRs to decode.</summary>
    private static bool CheckText(ReadOnlySpan<byte> text, int index)
    {
        var needsDecoding = false;
        var classes = TextByteClass;
        while (index < text.Length)
        {
            if (classes[text[index]] == Ordinary)
            {
                index++;
                continue;
            }

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
        }

        return needsDecoding;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsXmlWhitespace(ReadOnlySpan<byte> text) => SkipWhitespace(text, 0) == text.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> bytes, int index)
    {
        while (index < bytes.Length && bytes[index] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            index++;
        }

        return index;
    }

    private int SkipWhitespace(int position) => SkipWhitespace(_bytes.AsSpan(0, _end), position);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
