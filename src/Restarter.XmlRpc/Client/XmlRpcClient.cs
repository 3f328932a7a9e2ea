using System.Net;
using Restarter.XmlRpc.Client.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// Calls methods of an XML-RPC server over an <see cref="HttpClient"/>, one POST per call, reading the answer as it
/// streams in. Behaves like Python's <c>xmlrpc.client.ServerProxy</c> where scripts can tell: user info in the URL
/// becomes Basic authentication, a URL without a path posts to <c>/RPC2</c>, gzip answers are accepted.
/// </summary>
/// <remarks>
/// The client holds no connection of its own and is thread-safe; it does not dispose the <see cref="HttpClient"/>.
/// With <c>IHttpClientFactory</c>, create one per factory-made <see cref="HttpClient"/> (for example inside a typed client):
/// it is cheap. Failures: <see cref="XmlRpcFaultException"/> for a fault, <see cref="XmlRpcTransportException"/> for a
/// status other than 200, <see cref="XmlRpcFormatException"/> for an answer that is not an XML-RPC response (or
/// exceeds a limit), <see cref="HttpRequestException"/> or <see cref="IOException"/> for the network, and
/// <see cref="TaskCanceledException"/> for cancellation and <see cref="XmlRpcClientOptions.Timeout"/>.
/// <para>
/// HTTP/1.0 servers such as Python's <c>SimpleXMLRPCServer</c> close the connection after every answer, but
/// <see cref="SocketsHttpHandler"/> still pools it. A call that lands on such a dead connection is retried once, as
/// Python's own client does; under concurrent calls that is not always enough, so give the handler
/// <c>PooledConnectionLifetime = TimeSpan.Zero</c> when the server speaks HTTP/1.0. The retry also repeats a call the
/// server received before it died: see <see cref="XmlRpcClientOptions.RetryClosedConnection"/>.
/// </para>
/// </remarks>
public sealed class XmlRpcClient
{
    private readonly HttpClient _httpClient;
    private readonly EndpointAddress _address;
    private readonly XmlRpcClientOptions _options;

    /// <param name="httpClient">The transport; its handler decides proxies, TLS and connection pooling.</param>
    /// <param name="endpoint">The server, e.g. <c>http://user:password@10.0.0.2:8081/RPC2</c>; user info is percent-decoded.</param>
    /// <param name="options">Limits and behaviour; the defaults are safe.</param>
    public XmlRpcClient(HttpClient httpClient, Uri endpoint, XmlRpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _address = EndpointAddress.Parse(endpoint);
        _options = options ?? new XmlRpcClientOptions();
        _options.Validate();
    }

    /// <summary>The address calls are posted to, without credentials: safe to log and show.</summary>
    public Uri Endpoint => _address.RequestUri;

    /// <summary>Calls <paramref name="method"/> and returns its result as a raw value.</summary>
    /// <exception cref="XmlRpcFaultException">The server answered with a fault.</exception>
    public async Task<XmlRpcValue> InvokeAsync(string method, IReadOnlyList<XmlRpcValue> args, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(new XmlRpcMethodCall(method, args), cancellationToken).ConfigureAwait(false);
        return response.IsFault ? throw new XmlRpcFaultException(response.Fault.Code, response.Fault.Message) : response.Value;
    }

    /// <summary>
    /// Calls <paramref name="method"/> and converts its result, e.g.
    /// <c>InvokeAsync(XmlRpcConverters.ForStruct&lt;RestartResult&gt;(), "restart_unit", ["1234"], ct)</c>.
    /// </summary>
    /// <exception cref="XmlRpcFaultException">The server answered with a fault.</exception>
    /// <exception cref="XmlRpcFormatException">
    /// The result does not have the shape <typeparamref name="T"/> needs (<see cref="XmlRpcFormatError.InvalidDocument"/>,
    /// with the <see cref="XmlRpcConversionException"/> inside).
    /// </exception>
    public async Task<T> InvokeAsync<T>(XmlRpcConverter<T> resultConverter, string method, IReadOnlyList<XmlRpcValue> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultConverter);
        var value = await InvokeAsync(method, args, cancellationToken).ConfigureAwait(false);
        try
        {
            return resultConverter.Read(value);
        }
        catch (XmlRpcConversionException e)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.InvalidDocument, $"The result of {method} is not a {resultConverter.SignatureName} of the expected shape: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sends several calls in one request through <c>system.multicall</c> and returns their answers in order, each a
    /// value or a fault (a fault of one call does not throw).
    /// </summary>
    /// <exception cref="XmlRpcFaultException">The server failed the multicall as a whole (for example it has no <c>system.multicall</c>).</exception>
    public async Task<IReadOnlyList<XmlRpcMethodResponse>> MulticallAsync(IReadOnlyList<XmlRpcMethodCall> calls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var result = await InvokeAsync(Multicall.MethodName, [Multicall.ToArgument(calls)], cancellationToken).ConfigureAwait(false);
        return Multicall.FromResult(result, calls.Count);
    }

    /// <summary>Sends one call and returns the response as it came, a fault included (only transport and format failures throw).</summary>
    public async Task<XmlRpcMethodResponse> CallAsync(XmlRpcMethodCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var deadline = _options.Timeout == Timeout.InfiniteTimeSpan ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline?.CancelAfter(_options.Timeout);
        var token = deadline?.Token ?? cancellationToken;
        try
        {
            using var response = await SendAsync(call, token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new XmlRpcTransportException(response.StatusCode, response.ReasonPhrase, _address.RequestUri);
            }

            return await ResponseBody.ReadAsync(response.Content, _options, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            var message = $"The XML-RPC call {call.MethodName} to {_address.RequestUri} did not complete within {_options.Timeout.TotalSeconds:0.###} s.";
            throw new TaskCanceledException(message, new TimeoutException(message, e));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(XmlRpcMethodCall call, CancellationToken cancellationToken)
    {
        using (var request = CreateRequest(call))
        {
            try
            {
                return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (_options.RetryClosedConnection && IsColdConnection(e) && !cancellationToken.IsCancellationRequested)
            {
                // The connection closed or was reset before a single byte of answer. SocketsHttpHandler pools the
                // connections of HTTP/1.0 answers, which Python's SimpleXMLRPCServer closes after each call, so a quick
                // next call can land on a dead one (measured: a quarter of sequential calls). Python's Transport.request
                // retries once on RemoteDisconnected, ECONNRESET, ECONNABORTED and EPIPE for the same reason; so do we.
            }
        }

        using var retry = CreateRequest(call);
        return await _httpClient.SendAsync(retry, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsColdConnection(HttpRequestException e)
    {
        if (e.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            return true;
        }

        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted or System.Net.Sockets.SocketError.Shutdown })
            {
                return true;
            }
        }

        return false;
    }

    private HttpRequestMessage CreateRequest(XmlRpcMethodCall call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _address.RequestUri)
        {
            Content = RequestContent.Create(call, _options.GzipRequestThreshold),
        };
        if (_address.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (_options.UserAgent is { } userAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (_options.AcceptGzip)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        }

        return request;
    }
}
