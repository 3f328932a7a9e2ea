namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>Which token reader reads a document; only tests choose anything but <see cref="Auto"/>.</summary>
internal enum XmlRpcReadPath
{
    /// <summary><see cref="Utf8TokenReader"/> for UTF-8, and <see cref="XmlReaderTokenReader"/> for what it declines.</summary>
    Auto,

    /// <summary>Only <see cref="Utf8TokenReader"/>: a document it declines throws <see cref="Utf8TokenReaderDeclinedException"/>.</summary>
    Utf8Only,

    /// <summary>Only <see cref="XmlReaderTokenReader"/>, the reference.</summary>
    XmlReaderOnly,
}
