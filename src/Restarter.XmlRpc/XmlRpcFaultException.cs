namespace Restarter.XmlRpc;

/// <summary>
/// Thrown by a service method to answer with exactly this fault, and by the XML-RPC client when the server answers with one.
/// </summary>
public class XmlRpcFaultException : Exception
{
    public XmlRpcFaultException(int faultCode, string faultString)
        : base(faultString)
    {
        FaultCode = faultCode;
        FaultString = faultString;
    }

    public XmlRpcFaultException()
        : this(XmlRpcFaultCodes.ApplicationError, "XML-RPC fault")
    {
    }

    public XmlRpcFaultException(string message)
        : this(XmlRpcFaultCodes.ApplicationError, message)
    {
    }

    public XmlRpcFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        FaultCode = XmlRpcFaultCodes.ApplicationError;
        FaultString = message;
    }

    public int FaultCode { get; }

    public string FaultString { get; }

    public XmlRpcFault ToFault() => new(FaultCode, FaultString);
}
