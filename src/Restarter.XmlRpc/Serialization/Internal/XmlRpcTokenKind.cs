namespace Restarter.XmlRpc.Serialization.Internal;

internal enum XmlRpcTokenKind
{
    StartElement,
    EndElement,

    /// <summary>All adjacent text, CDATA and whitespace between two tags, as one string.</summary>
    Text,
    EndOfDocument,
}
