namespace Restarter.XmlRpc;

/// <summary>Why a request document could not be read (mirrors the serializer's format errors).</summary>
public enum XmlRpcRequestError
{
    /// <summary>Not well-formed XML, or truncated.</summary>
    MalformedXml,

    /// <summary>Well-formed XML that is not a <c>methodCall</c> (wrong root, missing methodName...).</summary>
    InvalidDocument,

    /// <summary>A value that does not parse (<c>&lt;int&gt;abc&lt;/int&gt;</c>).</summary>
    InvalidValue,

    /// <summary>A configured limit (depth, count, number length, size) was exceeded.</summary>
    LimitExceeded,

    /// <summary>A DOCTYPE: never processed.</summary>
    DtdProhibited,

    /// <summary>An encoding that is not supported.</summary>
    UnsupportedEncoding,
}
