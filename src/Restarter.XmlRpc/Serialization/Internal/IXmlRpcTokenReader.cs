namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The few tokens the XML-RPC grammar (<see cref="XmlRpcDocumentReader{TTokens}"/>) reads: start tag, end tag (also for
/// <c>&lt;x/&gt;</c>), text (all adjacent character data between two tags as one token), end of document. Two readers
/// produce them: <see cref="Utf8TokenReader"/> straight from UTF-8 bytes for the documents real clients send, and
/// <see cref="XmlReaderTokenReader"/> over <see cref="System.Xml.XmlReader"/> for everything else.
/// </summary>
internal interface IXmlRpcTokenReader
{
    XmlRpcTokenKind Kind { get; }

    /// <summary>The local name of the element of a start or end token; empty for other tokens.</summary>
    string Name { get; }

    /// <summary>The text of a text token, with entities and character references replaced and line ends normalized.</summary>
    string Text { get; }

    /// <summary>Whether a text token is only XML whitespace (space, tab, CR, LF); true for other tokens.</summary>
    bool IsWhitespace { get; }

    XmlRpcTokenKind Read();

    /// <summary>The next token, passing over text that is only whitespace (between tags it means nothing).</summary>
    XmlRpcTokenKind ReadSignificant();

    /// <summary>
    /// The text of a text token as the document's UTF-8 bytes, when they are its text unchanged (no reference, no CR),
    /// so that a number can be parsed without a string. The bytes stay valid after the next <see cref="Read"/>.
    /// </summary>
    bool TryGetUtf8Text(out ReadOnlySpan<byte> utf8);
}
