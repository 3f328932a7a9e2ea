using System.Text;
using System.Xml;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Flattens an <see cref="XmlReader"/> over a buffered document into the tokens of <see cref="IXmlRpcTokenReader"/>
/// (adjacent text, CDATA and whitespace merged, as expat hands them to Python). Element names are local names: a
/// prefix is dropped, as Python's <c>Unmarshaller</c> does. This reader is the reference: whatever
/// <see cref="Utf8TokenReader"/> declines, and every document with an error, is read here.
/// Every <see cref="XmlException"/> (and every byte the strict decoder refuses) becomes an <see cref="XmlRpcFormatException"/>.
/// Text is copied into one reused buffer with <see cref="XmlReader.ReadValueChunk"/> and becomes a string only when
/// <see cref="Text"/> is asked for: Python puts a newline between most tags, and a string for each of those was half of
/// what reading a 36 KB document allocated.
/// </summary>
internal sealed class XmlReaderTokenReader(XmlReader reader) : IXmlRpcTokenReader, IDisposable
{
    private char[] _text = new char[256];
    private int _textLength;
    private string? _textString;
    private bool _holdCurrentNode;
    private string? _pendingEndElement;
    private bool _sawRoot;

    public XmlRpcTokenKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string Text => _textString ??= MaterializeText();

    public bool IsWhitespace => XmlRpcScalarParser.IsXmlWhitespace(_text.AsSpan(0, _textLength));

    public XmlRpcTokenKind Read()
    {
        if (_pendingEndElement is not null)
        {
            var name = _pendingEndElement;
            _pendingEndElement = null;
            return SetElement(XmlRpcTokenKind.EndElement, name);
        }

        _textLength = 0;
        while (true)
        {
            if (!_holdCurrentNode && !ReadNode())
            {
                if (_textLength > 0)
                {
                    return SetText();
                }

                Kind = XmlRpcTokenKind.EndOfDocument;
                return Kind;
            }

            _holdCurrentNode = false;
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    AppendValue();
                    continue;
                case XmlNodeType.Element or XmlNodeType.EndElement when _textLength > 0:
                    _holdCurrentNode = true;
                    return SetText();
                case XmlNodeType.Element:
                    _sawRoot = true;
                    if (reader.IsEmptyElement)
                    {
                        _pendingEndElement = reader.LocalName;
                    }

                    return SetElement(XmlRpcTokenKind.StartElement, reader.LocalName);
                case XmlNodeType.EndElement:
                    return SetElement(XmlRpcTokenKind.EndElement, reader.LocalName);
                default:
                    // XML declaration; comments and processing instructions are already skipped by the settings.
                    continue;
            }
        }
    }

    public XmlRpcTokenKind ReadSignificant()
    {
        var token = Read();
        return token == XmlRpcTokenKind.Text && IsWhitespace ? Read() : token;
    }

    public bool TryGetUtf8Text(out ReadOnlySpan<byte> utf8)
    {
        utf8 = default;
        return false;
    }

    public void Dispose() => reader.Dispose();

    private XmlRpcTokenKind SetElement(XmlRpcTokenKind kind, string name)
    {
        Kind = kind;
        Name = name;
        _textLength = 0;
        _textString = "";
        return kind;
    }

    private XmlRpcTokenKind SetText()
    {
        Kind = XmlRpcTokenKind.Text;
        Name = "";
        _textString = null;
        return Kind;
    }

    private string MaterializeText()
    {
        var text = _text.AsSpan(0, _textLength);
        return text switch
        {
            [] => "",
            ['\n'] => "\n",
            [' '] => " ",
            _ => new string(text),
        };
    }

    /// <summary>Appends the current text node's value to the text buffer, chunk by chunk.</summary>
    private void AppendValue()
    {
        try
        {
            while (true)
            {
                // Two free chars at least: ReadValueChunk never splits a surrogate pair, so with one free char it could
                // return 0 before the end of the value.
                if (_text.Length - _textLength < 2)
                {
                    Array.Resize(ref _text, checked(_text.Length * 2));
                }

                var read = reader.ReadValueChunk(_text, _textLength, _text.Length - _textLength);
                if (read == 0)
                {
                    return;
                }

                _textLength += read;
            }
        }
        catch (XmlException exception)
        {
            throw Translate(exception);
        }
        catch (DecoderFallbackException exception)
        {
            throw InvalidBytes(exception);
        }
    }

    private bool ReadNode()
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException exception)
        {
            throw Translate(exception);
        }
        catch (DecoderFallbackException exception)
        {
            throw InvalidBytes(exception);
        }
    }

    internal static XmlRpcFormatException InvalidBytes(DecoderFallbackException exception) => new(
        XmlRpcFormatError.MalformedXml, "The document is not well-formed XML: it holds bytes that are invalid in its encoding. " + exception.Message, exception);

    private XmlRpcFormatException Translate(XmlException exception) => Translate(exception, _sawRoot);

    /// <summary>Also for the reader's constructor, which already decodes and reads the first buffer.</summary>
    internal static XmlRpcFormatException Translate(XmlException exception, bool sawRoot)
    {
        if (exception.InnerException is DecoderFallbackException invalidBytes)
        {
            return InvalidBytes(invalidBytes);
        }

        if (!sawRoot && DtdProhibitedDetector.IsDtdProhibited(exception))
        {
            return new XmlRpcFormatException(
                XmlRpcFormatError.DtdProhibited, "The document has a DOCTYPE; DTDs and entity declarations are not allowed in XML-RPC.", exception);
        }

        if (exception.InnerException is ArgumentException)
        {
            return new XmlRpcFormatException(XmlRpcFormatError.UnsupportedEncoding, XmlTextValidator.Escape(exception.Message), exception);
        }

        return new XmlRpcFormatException(XmlRpcFormatError.MalformedXml, "The document is not well-formed XML: " + XmlTextValidator.Escape(exception.Message), exception);
    }
}
