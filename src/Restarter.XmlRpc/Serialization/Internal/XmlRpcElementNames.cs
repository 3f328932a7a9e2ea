namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The element names of XML-RPC as string constants, looked up from their UTF-8 bytes, so that reading a document
/// allocates no string per tag (and the grammar's ordinal comparisons hit on reference equality).
/// </summary>
internal static class XmlRpcElementNames
{
    /// <summary>The interned name for <paramref name="utf8"/>, or null when it is not an XML-RPC element name.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8) => utf8.Length switch
    {
        2 => Pick(utf8, "i4"u8, "i4") ?? Pick(utf8, "i8"u8, "i8") ?? Pick(utf8, "i1"u8, "i1") ?? Pick(utf8, "i2"u8, "i2"),
        3 => Pick(utf8, "int"u8, "int") ?? Pick(utf8, "nil"u8, "nil"),
        4 => Pick(utf8, "name"u8, "name") ?? Pick(utf8, "data"u8, "data"),
        5 => Pick(utf8, "value"u8, "value") ?? Pick(utf8, "param"u8, "param") ?? Pick(utf8, "array"u8, "array")
            ?? Pick(utf8, "fault"u8, "fault") ?? Pick(utf8, "float"u8, "float"),
        6 => Pick(utf8, "string"u8, "string") ?? Pick(utf8, "struct"u8, "struct") ?? Pick(utf8, "member"u8, "member")
            ?? Pick(utf8, "params"u8, "params") ?? Pick(utf8, "double"u8, "double") ?? Pick(utf8, "base64"u8, "base64"),
        7 => Pick(utf8, "boolean"u8, "boolean"),
        10 => Pick(utf8, "methodCall"u8, "methodCall") ?? Pick(utf8, "methodName"u8, "methodName")
            ?? Pick(utf8, "biginteger"u8, "biginteger") ?? Pick(utf8, "bigdecimal"u8, "bigdecimal"),
        14 => Pick(utf8, "methodResponse"u8, "methodResponse"),
        16 => Pick(utf8, "dateTime.iso8601"u8, "dateTime.iso8601"),
        _ => null,
    };

    private static string? Pick(ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> candidate, string name) =>
        utf8.SequenceEqual(candidate) ? name : null;
}
