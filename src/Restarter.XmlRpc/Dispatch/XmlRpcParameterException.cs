namespace Restarter.XmlRpc;

/// <summary>A call's parameter could not be converted to the method's parameter type; dispatch answers an invalid-params fault.</summary>
public sealed class XmlRpcParameterException : Exception
{
    public XmlRpcParameterException()
        : this("?", "invalid parameter")
    {
    }

    public XmlRpcParameterException(string message)
        : this("?", message)
    {
    }

    public XmlRpcParameterException(string message, Exception innerException)
        : this("?", message, innerException)
    {
    }

    public XmlRpcParameterException(string parameterName, string reason, Exception? innerException = null)
        : base($"argument '{parameterName}': {reason}", innerException)
    {
        ParameterName = parameterName;
        Reason = reason;
    }

    public string ParameterName { get; }

    public string Reason { get; }
}
