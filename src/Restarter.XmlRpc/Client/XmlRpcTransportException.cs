using System.Net;

namespace Restarter.XmlRpc;

/// <summary>
/// The XML-RPC server answered with an HTTP status other than 200 (401 for wrong credentials, 404 for a wrong path,
/// 500...), so there is no XML-RPC response to read. Python's <c>xmlrpc.client</c> raises <c>ProtocolError</c> here.
/// It is an <see cref="HttpRequestException"/>, so code that catches those for every HTTP failure keeps working.
/// </summary>
public sealed class XmlRpcTransportException : HttpRequestException
{
    public XmlRpcTransportException(HttpStatusCode statusCode, string? reasonPhrase, Uri requestUri)
        : base(Describe(statusCode, reasonPhrase, requestUri), null, statusCode)
    {
        ReasonPhrase = reasonPhrase;
        RequestUri = requestUri;
    }

    public XmlRpcTransportException()
        : this(HttpStatusCode.InternalServerError, null, new Uri("http://localhost/"))
    {
    }

    public XmlRpcTransportException(string message)
        : this(message, null)
    {
    }

    public XmlRpcTransportException(string message, Exception? innerException)
        : base(message, innerException, HttpStatusCode.InternalServerError)
    {
        RequestUri = new Uri("http://localhost/");
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public new HttpStatusCode StatusCode => base.StatusCode ?? HttpStatusCode.InternalServerError;

    /// <summary>The reason phrase of the status line, if the server sent one.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The address that was called, without credentials.</summary>
    public Uri RequestUri { get; }

    private static string Describe(HttpStatusCode statusCode, string? reasonPhrase, Uri requestUri)
    {
        var reason = string.IsNullOrEmpty(reasonPhrase) ? statusCode.ToString() : reasonPhrase;
        return $"The XML-RPC server at {requestUri} answered HTTP {(int)statusCode} {reason} instead of 200 OK.";
    }
}
