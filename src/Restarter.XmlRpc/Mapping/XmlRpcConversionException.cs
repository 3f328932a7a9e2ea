namespace Restarter.XmlRpc;

/// <summary>
/// A value did not have the shape the CLR type needs (a string where an int was expected, a struct without a
/// required member...). Dispatch turns it into an invalid-params fault; the message names what was expected and what came.
/// </summary>
public sealed class XmlRpcConversionException : Exception
{
    public XmlRpcConversionException()
        : base("The XML-RPC value could not be converted.")
    {
    }

    public XmlRpcConversionException(string message)
        : base(message)
    {
    }

    public XmlRpcConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A conversion failure that says which type was expected and which wire type arrived.</summary>
    public static XmlRpcConversionException Mismatch(string expected, XmlRpcValue actual) =>
        new($"expected {expected}, got {XmlRpcTypeNames.Of(actual.Kind)}");
}
