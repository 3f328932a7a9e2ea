namespace Restarter.XmlRpc;

/// <summary>
/// An XML-RPC document could not be read, or a value cannot be written as XML-RPC. Nothing of the document is
/// returned: a call that fails to read is never dispatched, not even in part.
/// </summary>
public sealed class XmlRpcFormatException : Exception
{
    public XmlRpcFormatException(XmlRpcFormatError error, string message)
        : base(message) => Error = error;

    public XmlRpcFormatException(XmlRpcFormatError error, string message, Exception? innerException)
        : base(message, innerException) => Error = error;

    public XmlRpcFormatException()
        : this(XmlRpcFormatError.InvalidDocument, "The XML-RPC document is invalid.")
    {
    }

    public XmlRpcFormatException(string message)
        : this(XmlRpcFormatError.InvalidDocument, message)
    {
    }

    public XmlRpcFormatException(string message, Exception innerException)
        : this(XmlRpcFormatError.InvalidDocument, message, innerException)
    {
    }

    public XmlRpcFormatError Error { get; }
}
