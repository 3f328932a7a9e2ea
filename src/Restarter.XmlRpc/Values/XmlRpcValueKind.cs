namespace Restarter.XmlRpc;

/// <summary>The types of the XML-RPC data model. Integers of every wire width (i1, i2, i4, int, i8, biginteger) share one kind.</summary>
public enum XmlRpcValueKind
{
    Integer,
    Boolean,
    String,
    Double,
    DateTime,
    Base64,
    Struct,
    Array,
    Nil,
}
