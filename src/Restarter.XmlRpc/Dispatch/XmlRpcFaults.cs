using Restarter.XmlRpc.Dispatch.Internal;

namespace Restarter.XmlRpc;

/// <summary>The faults for requests that never reached a method.</summary>
public static class XmlRpcFaults
{
    /// <summary>
    /// Specification style: -32700 for XML that cannot be parsed, -32701 for an unsupported encoding, -32600 for a
    /// well-formed document that is not a valid call. Python style: code 1 and the exception text
    /// <c>SimpleXMLRPCServer</c> would show (<c>&lt;class 'xml.parsers.expat.ExpatError'&gt;:...</c>,
    /// <c>&lt;class 'xmlrpc.client.ResponseError'&gt;:ResponseError()</c>, <c>&lt;class 'ValueError'&gt;:...</c>).
    /// </summary>
    public static XmlRpcFault ForRequestError(XmlRpcFaultStyle style, XmlRpcRequestError error, string message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // The message may quote the bad input; the fault must still be writable.
        message = Serialization.Internal.XmlTextValidator.Escape(message);
        if (style == XmlRpcFaultStyle.Python)
        {
            return new XmlRpcFault(XmlRpcFaultCodes.Python, error switch
            {
                XmlRpcRequestError.MalformedXml or XmlRpcRequestError.DtdProhibited => PythonTexts.Exception("xml.parsers.expat.ExpatError", message),
                XmlRpcRequestError.InvalidDocument => PythonTexts.Exception("xmlrpc.client.ResponseError", "ResponseError()"),
                XmlRpcRequestError.UnsupportedEncoding => PythonTexts.Exception("LookupError", message),
                _ => PythonTexts.Exception("ValueError", message),
            });
        }

        return error switch
        {
            XmlRpcRequestError.MalformedXml or XmlRpcRequestError.DtdProhibited or XmlRpcRequestError.LimitExceeded =>
                new XmlRpcFault(XmlRpcFaultCodes.ParseError, "parse error. not well formed: " + message),
            XmlRpcRequestError.UnsupportedEncoding => new XmlRpcFault(XmlRpcFaultCodes.UnsupportedEncoding, "parse error. unsupported encoding: " + message),
            _ => new XmlRpcFault(XmlRpcFaultCodes.InvalidRequest, "server error. invalid xml-rpc. not conforming to spec: " + message),
        };
    }
}
