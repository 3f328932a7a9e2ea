using Microsoft.Extensions.Logging;

namespace Restarter.XmlRpc;

public sealed partial class XmlRpcDispatcher
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "XML-RPC method {MethodName} is not supported.", EventName = "MethodNotFound")]
        public static partial void MethodNotFound(ILogger logger, string methodName);

        [LoggerMessage(2, LogLevel.Debug, "XML-RPC method {MethodName} was called with {ArgumentCount} arguments.", EventName = "WrongArgumentCount")]
        public static partial void WrongArgumentCount(ILogger logger, string methodName, int argumentCount);

        [LoggerMessage(3, LogLevel.Debug, "XML-RPC method {MethodName}: parameter {ParameterName} is invalid: {Reason}", EventName = "InvalidParameter")]
        public static partial void InvalidParameter(ILogger logger, string methodName, string parameterName, string reason);

        [LoggerMessage(4, LogLevel.Error, "XML-RPC method {MethodName} returned a value that cannot be sent.", EventName = "ResultNotConvertible")]
        public static partial void ResultNotConvertible(ILogger logger, string methodName, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "XML-RPC method {MethodName} failed.", EventName = "MethodFailed")]
        public static partial void MethodFailed(ILogger logger, string methodName, Exception exception);
    }
}
