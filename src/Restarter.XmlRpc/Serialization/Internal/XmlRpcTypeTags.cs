using System.Collections.Frozen;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The reading dispatch table, the counterpart of <c>Unmarshaller.dispatch</c> in CPython's <c>xmlrpc/client.py</c>:
/// every type element Python accepts, by local name (a prefix such as <c>ex:</c> is dropped before the lookup, as Python does).
/// </summary>
internal static class XmlRpcTypeTags
{
    private static readonly FrozenDictionary<string, XmlRpcTypeTag> Table = new Dictionary<string, XmlRpcTypeTag>(StringComparer.Ordinal)
    {
        ["i1"] = XmlRpcTypeTag.Integer,
        ["i2"] = XmlRpcTypeTag.Integer,
        ["i4"] = XmlRpcTypeTag.Integer,
        ["i8"] = XmlRpcTypeTag.Integer,
        ["int"] = XmlRpcTypeTag.Integer,
        ["biginteger"] = XmlRpcTypeTag.Integer,
        ["boolean"] = XmlRpcTypeTag.Boolean,
        ["string"] = XmlRpcTypeTag.String,
        ["double"] = XmlRpcTypeTag.Double,
        ["float"] = XmlRpcTypeTag.Double,
        ["bigdecimal"] = XmlRpcTypeTag.Double,
        ["dateTime.iso8601"] = XmlRpcTypeTag.DateTime,
        ["base64"] = XmlRpcTypeTag.Base64,
        ["nil"] = XmlRpcTypeTag.Nil,
        ["array"] = XmlRpcTypeTag.Array,
        ["struct"] = XmlRpcTypeTag.Struct,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string localName, out XmlRpcTypeTag tag) => Table.TryGetValue(localName, out tag);
}
