namespace Restarter.XmlRpc;

/// <summary>The <c>{faultCode, faultString}</c> struct of a fault response.</summary>
public sealed record XmlRpcFault(int Code, string Message)
{
    public XmlRpcStruct ToStruct() => new XmlRpcStruct().Add("faultCode", Code).Add("faultString", Message);
}
