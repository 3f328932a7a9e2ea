using Microsoft.Extensions.Logging;

namespace Restarter.XmlRpc.AspNetCore.Internal;

internal sealed partial class XmlRpcRequestHandler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "XML-RPC request with HTTP method {HttpMethod} answered 501, as SimpleXMLRPCServer does.", EventName = "UnsupportedMethod")]
        public static partial void UnsupportedMethod(ILogger logger, string httpMethod);

        [LoggerMessage(2, LogLevel.Information, "XML-RPC request refused with 413: Content-Length {ContentLength} exceeds the limit of {Limit} bytes.", EventName = "ContentLengthTooLarge")]
        public static partial void ContentLengthTooLarge(ILogger logger, long contentLength, long limit);

        [LoggerMessage(3, LogLevel.Debug, "XML-RPC request without Content-Length refused with 411.", EventName = "LengthRequired")]
        public static partial void LengthRequired(ILogger logger);

        [LoggerMessage(4, LogLevel.Debug, "XML-RPC request with Content-Encoding {ContentEncoding} refused with 415.", EventName = "UnsupportedContentEncoding")]
        public static partial void UnsupportedContentEncoding(ILogger logger, string contentEncoding);

        [LoggerMessage(5, LogLevel.Debug, "XML-RPC request body is not valid gzip: {Reason}", EventName = "InvalidGzip")]
        public static partial void InvalidGzip(ILogger logger, string reason);

        [LoggerMessage(6, LogLevel.Debug, "XML-RPC request body refused by the server with {StatusCode}: {Reason}", EventName = "BadRequestBody")]
        public static partial void BadRequestBody(ILogger logger, int statusCode, string reason);

        [LoggerMessage(7, LogLevel.Debug, "XML-RPC request could not be read ({FormatError}): {Reason}", EventName = "MalformedRequest")]
        public static partial void MalformedRequest(ILogger logger, XmlRpcFormatError formatError, string reason);

        [LoggerMessage(8, LogLevel.Debug, "XML-RPC request aborted by the client.", EventName = "RequestAborted")]
        public static partial void RequestAborted(ILogger logger);

        [LoggerMessage(10, LogLevel.Information, "XML-RPC request refused with 413: {Reason}", EventName = "BodyTooLarge")]
        public static partial void BodyTooLarge(ILogger logger, string reason);

        [LoggerMessage(9, LogLevel.Error, "XML-RPC response could not be written; a fault was sent instead.", EventName = "ResponseNotWritable")]
        public static partial void ResponseNotWritable(ILogger logger, Exception exception);
    }
}
