using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>
/// One mapped service: reads the POSTed call (bounded, gzip honoured), dispatches it, writes the response into a
/// pooled buffer and sends it with a Content-Length, gzip-compressed past the threshold when the client accepts it.
/// Behaves like Python's <c>SimpleXMLRPCServer</c> where a client could tell (status codes, bodies, fault texts).
/// </summary>
internal sealed partial class XmlRpcRequestHandler(
    XmlRpcDispatcher dispatcher, XmlRpcEndpointOptions options, IServiceActivator? activator, ILogger<XmlRpcRequestHandler> logger)
{
    private const string XmlContentType = "text/xml";

    public XmlRpcDispatcher Dispatcher => dispatcher;

    public XmlRpcEndpointOptions Options => options;

    private byte[]? _documentationPage;

    public Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsPost(method))
        {
            return PostAsync(context);
        }

        return options.EnableDocumentationPage && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            ? DocumentationAsync(context)
            : UnsupportedMethodAsync(context);
    }

    private async Task PostAsync(HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            Log.ContentLengthTooLarge(logger, request.ContentLength.Value, options.MaxRequestBodyBytes);
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {options.MaxRequestBodyBytes} bytes.");
            return;
        }

        if (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding)
            && (HttpProtocol.IsHttp11(request.Protocol) || HttpProtocol.IsHttp10(request.Protocol)))
        {
            Log.LengthRequired(logger);
            await PlainAsync(context, StatusCodes.Status411LengthRequired, "A request body with a Content-Length (or chunked) is required.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            Log.UnsupportedContentEncoding(logger, encoding);
            context.Response.Headers.AcceptEncoding = "gzip";
            await PlainAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; send identity or gzip.");
            return;
        }

        XmlRpcMethodResponse result;
        try
        {
            result = await ReadAndDispatchAsync(context, gzip, aborted);
        }
        catch (RequestTooLargeException e)
        {
            Log.BodyTooLarge(logger, e.Message);
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, e.Message);
            return;
        }
        catch (InvalidDataException e)
        {
            Log.InvalidGzip(logger, e.Message);
            await PlainAsync(context, StatusCodes.Status400BadRequest, "error decoding gzip content");
            return;
        }
        catch (BadHttpRequestException e)
        {
            // The server refused the body itself (too large, truncated, bad chunking): nothing was dispatched.
            Log.BadRequestBody(logger, e.StatusCode, e.Message);
            await PlainAsync(context, e.StatusCode, e.Message);
            return;
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            Log.RequestAborted(logger);
            return;
        }

        await WriteResponseAsync(context, result, aborted);
    }

    private static LengthLimitedStream LimitedTo(Stream inner, long maxBytes, string what) =>
        new(inner, maxBytes, CancellationToken.None, limit => new RequestTooLargeException($"The {what} is larger than the limit of {limit} bytes."));

    private async Task<XmlRpcMethodResponse> ReadAndDispatchAsync(HttpContext context, bool gzip, CancellationToken aborted)
    {
        Stream body = LimitedTo(context.Request.Body, options.MaxRequestBodyBytes, "request body");
        GZipStream? decompressor = null;
        if (gzip)
        {
            decompressor = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
            body = LimitedTo(decompressor, options.MaxDecompressedBytes, "decompressed request body");
        }

        XmlRpcMethodCall call;
        try
        {
            call = await XmlRpcSerializer.ReadMethodCallAsync(body, options.Reader, gzip ? null : context.Request.ContentLength, aborted);
        }
        catch (XmlRpcFormatException e)
        {
            Log.MalformedRequest(logger, e.Error, e.Message);
            return dispatcher.CreateMalformedRequestFault(ToRequestError(e.Error), e.Message);
        }
        finally
        {
            if (decompressor is not null)
            {
                await decompressor.DisposeAsync();
            }
        }

        var activated = activator?.Wrap(context.RequestServices);
        try
        {
            return await dispatcher.DispatchAsync(call, (IServiceProvider?)activated ?? context.RequestServices, aborted);
        }
        finally
        {
            if (activated is not null)
            {
                await activated.DisposeAsync();
            }
        }
    }

    private async Task WriteResponseAsync(HttpContext context, XmlRpcMethodResponse result, CancellationToken aborted)
    {
        using var document = new PooledBufferWriter();
        try
        {
            XmlRpcSerializer.WriteMethodResponse(document, result);
        }
        catch (XmlRpcFormatException e)
        {
            Log.ResponseNotWritable(logger, e);
            document.Clear();
            XmlRpcSerializer.WriteMethodResponse(document, dispatcher.CreateUnwritableResultFault(e.Message));
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = XmlContentType;
        using var compressed = options.GzipResponseThreshold is { } threshold && document.WrittenCount > threshold && AcceptsGzip(context.Request)
            ? Compress(document.WrittenSpan)
            : null;
        if (compressed is not null)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        var bytes = (compressed ?? document).WrittenMemory;
        response.ContentLength = bytes.Length;
        try
        {
            await response.Body.WriteAsync(bytes, aborted);
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            Log.RequestAborted(logger);
        }
    }

    private Task DocumentationAsync(HttpContext context)
    {
        // Rendering twice in a race is harmless; the page never changes.
        var page = _documentationPage ??= DocumentationPage.Render(dispatcher);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = DocumentationPage.ContentType;
        response.ContentLength = page.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : SendAsync(response, page, context.RequestAborted);
    }

    private Task UnsupportedMethodAsync(HttpContext context)
    {
        var method = context.Request.Method;
        Log.UnsupportedMethod(logger, method);
        var page = PythonErrorPage.UnsupportedMethod(method);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status501NotImplemented;
        if (context.Features.Get<IHttpResponseFeature>() is { } feature)
        {
            feature.ReasonPhrase = PythonErrorPage.UnsupportedMethodReason(method);
        }

        response.ContentType = PythonErrorPage.ContentType;
        response.ContentLength = page.Length;
        return HttpMethods.IsHead(method) ? Task.CompletedTask : SendAsync(response, page, context.RequestAborted);
    }

    private async Task PlainAsync(HttpContext context, int statusCode, string message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        var body = Encoding.UTF8.GetBytes(message + "\n");
        response.StatusCode = statusCode;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = body.Length;
        await SendAsync(response, body, context.RequestAborted);
    }

    private async Task SendAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken aborted)
    {
        try
        {
            await response.Body.WriteAsync(body, aborted);
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            Log.RequestAborted(logger);
        }
    }

    // As SimpleXMLRPCRequestHandler.accept_encodings: gzip listed with no q, or a q above zero.
    private static bool AcceptsGzip(HttpRequest request)
    {
        var accepted = false;
        foreach (var entry in request.GetTypedHeaders().AcceptEncoding)
        {
            if (entry.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                accepted = entry.Quality is not { } quality || quality > 0;
            }
        }

        return accepted;
    }

    private static PooledBufferWriter Compress(ReadOnlySpan<byte> document)
    {
        var output = new PooledBufferWriter(Math.Max(256, document.Length / 4));
        using (var gzip = new GZipStream(new BufferWriterStream(output), CompressionLevel.Optimal, leaveOpen: false))
        {
            gzip.Write(document);
        }

        return output;
    }

    private static XmlRpcRequestError ToRequestError(XmlRpcFormatError error) => error switch
    {
        XmlRpcFormatError.MalformedXml => XmlRpcRequestError.MalformedXml,
        XmlRpcFormatError.InvalidValue => XmlRpcRequestError.InvalidValue,
        XmlRpcFormatError.LimitExceeded => XmlRpcRequestError.LimitExceeded,
        XmlRpcFormatError.DtdProhibited => XmlRpcRequestError.DtdProhibited,
        XmlRpcFormatError.UnsupportedEncoding => XmlRpcRequestError.UnsupportedEncoding,
        _ => XmlRpcRequestError.InvalidDocument,
    };
}
