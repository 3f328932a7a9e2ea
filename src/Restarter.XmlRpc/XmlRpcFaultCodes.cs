namespace Restarter.XmlRpc;

/// <summary>
/// The codes of the "specification for fault code interoperability"
/// (http://xmlrpc-epi.sourceforge.net/specs/rfc.fault_codes.php), used by <see cref="XmlRpcFaultStyle.Specification"/>.
/// </summary>
public static class XmlRpcFaultCodes
{
    public const int ParseError = -32700;
    public const int UnsupportedEncoding = -32701;
    public const int InvalidCharacterForEncoding = -32702;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ApplicationError = -32500;
    public const int SystemError = -32400;
    public const int TransportError = -32300;

    /// <summary>The only code Python's <c>SimpleXMLRPCServer</c> uses for errors it did not raise as a <c>Fault</c>.</summary>
    public const int Python = 1;
}
