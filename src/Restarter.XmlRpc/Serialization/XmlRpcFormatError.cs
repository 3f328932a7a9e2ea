namespace Restarter.XmlRpc;

/// <summary>What was wrong with an XML-RPC document that could not be read (or a value that cannot be written).</summary>
public enum XmlRpcFormatError
{
    /// <summary>The bytes are not well-formed XML: truncated, trailing junk after the root, bad characters, bytes invalid in the document's encoding.</summary>
    MalformedXml,

    /// <summary>Well-formed XML that is not an XML-RPC document of the expected kind: wrong root, missing or unexpected elements.</summary>
    InvalidDocument,

    /// <summary>A scalar whose text does not parse: a bad int, double, boolean, date or base64, or an integer beyond 64 bits.</summary>
    InvalidValue,

    /// <summary>A limit of <see cref="XmlRpcReaderOptions"/> was exceeded (depth, number of values, number length, document size).</summary>
    LimitExceeded,

    /// <summary>The document has a DOCTYPE. DTDs are never processed: the legacy server expanded entities from them.</summary>
    DtdProhibited,

    /// <summary>The encoding declared in the XML prolog is not supported by this runtime.</summary>
    UnsupportedEncoding,
}
