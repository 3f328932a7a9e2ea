namespace Restarter.XmlRpc;

/// <summary>The XML-RPC names of the value kinds, as <c>system.methodSignature</c> and error messages use them.</summary>
public static class XmlRpcTypeNames
{
    public const string Int = "int";
    public const string I8 = "i8";
    public const string Boolean = "boolean";
    public const string String = "string";
    public const string Double = "double";
    public const string DateTime = "dateTime.iso8601";
    public const string Base64 = "base64";
    public const string Struct = "struct";
    public const string Array = "array";
    public const string Nil = "nil";

    /// <summary>Any type: a parameter taken as the raw <see cref="XmlRpcValue"/>.</summary>
    public const string Any = "any";

    public static string Of(XmlRpcValueKind kind) => kind switch
    {
        XmlRpcValueKind.Integer => Int,
        XmlRpcValueKind.Boolean => Boolean,
        XmlRpcValueKind.String => String,
        XmlRpcValueKind.Double => Double,
        XmlRpcValueKind.DateTime => DateTime,
        XmlRpcValueKind.Base64 => Base64,
        XmlRpcValueKind.Struct => Struct,
        XmlRpcValueKind.Array => Array,
        XmlRpcValueKind.Nil => Nil,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
