namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>The request body, as sent or once decompressed, exceeds its limit: the answer is HTTP 413.</summary>
internal sealed class RequestTooLargeException(string message) : Exception(message);
