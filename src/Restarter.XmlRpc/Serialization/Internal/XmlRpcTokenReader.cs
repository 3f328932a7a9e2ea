using System.Text;
using System.Xml;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Flattens an asynchronous <see cref="XmlReader"/> into the few tokens XML-RPC needs: start tag, end tag (also for
/// <c>&lt;x/&gt;</c>), text (adjacent text, CDATA and whitespace merged, as expat hands them to Python), end of
/// document. Element names are local names: a prefix is dropped, as Python's <c>Unmarshaller</c> does.
/// Every <see cref="XmlException"/> (and every byte the strict decoder refuses) becomes an <see cref="XmlRpcFormatException"/>.
/// </summary>
internal sealed class XmlRpcTokenReader(XmlReader reader) : IDisposable
{
    private readonly StringBuilder _text = new();
    private bool _holdCurrentNode;
    private string? _pendingEndElement;
    private bool _sawRoot;

    public XmlRpcTokenKind Kind { get; private set; }

    /// <summary>The local name of the element of a start or end token.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The text of a text token.</summary>
    public string Text { get; private set; } = "";

    public async ValueTask<XmlRpcTokenKind> ReadAsync()
    {
        if (_pendingEndElement is not null)
        {
            var name = _pendingEndElement;
            _pendingEndElement = null;
            return SetElement(XmlRpcTokenKind.EndElement, name);
        }

        _text.Clear();
        while (true)
        {
            if (!_holdCurrentNode && !await ReadNodeAsync().ConfigureAwait(false))
            {
                if (_text.Length > 0)
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
                    _text.Append(await GetValueAsync().ConfigureAwait(false));
                    continue;
                case XmlNodeType.Element or XmlNodeType.EndElement when _text.Length > 0:
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

    public void Dispose() => reader.Dispose();

    private XmlRpcTokenKind SetElement(XmlRpcTokenKind kind, string name)
    {
        Kind = kind;
        Name = name;
        Text = "";
        return kind;
    }

    private XmlRpcTokenKind SetText()
    {
        Kind = XmlRpcTokenKind.Text;
        Name = "";
        Text = _text.ToString();
        _text.Clear();
        return Kind;
    }

    private async ValueTask<bool> ReadNodeAsync()
    {
        try
        {
            return await reader.ReadAsync().ConfigureAwait(false);
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

    private async ValueTask<string> GetValueAsync()
    {
        try
        {
            return await reader.GetValueAsync().ConfigureAwait(false);
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

    private static XmlRpcFormatException InvalidBytes(DecoderFallbackException exception) => new(
        XmlRpcFormatError.MalformedXml, "The document is not well-formed XML: it holds bytes that are invalid in its encoding. " + exception.Message, exception);

    private XmlRpcFormatException Translate(XmlException exception)
    {
        if (exception.InnerException is DecoderFallbackException invalidBytes)
        {
            return InvalidBytes(invalidBytes);
        }

        if (!_sawRoot && DtdProhibitedDetector.IsDtdProhibited(exception))
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
