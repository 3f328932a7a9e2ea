namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>What a type element inside <c>&lt;value&gt;</c> decodes to.</summary>
internal enum XmlRpcTypeTag
{
    Integer,
    Boolean,
    String,
    Double,
    DateTime,
    Base64,
    Nil,
    Array,
    Struct,
}
