using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Restarter.XmlRpc.Tests.Client;

/// <summary>The client against a Kestrel responder that answers what real servers rarely do: errors, gzip, junk, floods, silence.</summary>
public sealed class TransportEdgeTests : IAsyncLifetime
{
    private RawResponder _server = null!;

    public async Task InitializeAsync() => _server = await RawResponder.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private XmlRpcClient Client(XmlRpcClientOptions? options = null, string path = "/RPC2") =>
        new(new HttpClient(), new Uri(_server.Address, path), options);

    [Fact]
    public async Task Request_is_a_methodCall_posted_as_text_xml_with_a_length()
    {
        var value = await Client().InvokeAsync("restart_unit", ["1234"], Budget());

        Assert.Equal(new XmlRpcString("ok"), value);
        var request = _server.Last;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/RPC2", request.Target);
        Assert.Equal("text/xml", request.Header("content-type"));
        Assert.Equal(request.RawBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("content-length"));
        Assert.Equal(
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>restart_unit</methodName>\n<params>\n<param>\n<value><string>1234</string></value>\n</param>\n</params>\n</methodCall>\n",
            request.BodyText);
        Assert.Equal(XmlRpcClientOptions.DefaultUserAgent, request.Header("user-agent"));
        Assert.Null(request.Header("authorization"));
    }

    [Fact]
    public async Task User_agent_can_be_changed_or_left_to_the_http_client()
    {
        await Client(new XmlRpcClientOptions { UserAgent = "restarter-web/2" }).InvokeAsync("x", [], Budget());
        Assert.Equal("restarter-web/2", _server.Last.Header("user-agent"));

        var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("from-factory/1");
        await new XmlRpcClient(http, _server.Address, new XmlRpcClientOptions { UserAgent = null }).InvokeAsync("x", [], Budget());
        Assert.Equal("from-factory/1", _server.Last.Header("user-agent"));
    }

    [Theory]
    [InlineData("web:p%40ss%3Aword", "web:p@ss:word")]
    [InlineData("alice", "alice")]
    [InlineData("%C3%BCser:p%C3%A4ss%20word", "üser:päss word")]
    [InlineData("a:", "a:")]
    public async Task User_info_becomes_basic_auth_and_never_reaches_the_request_line(string userInfo, string credentials)
    {
        var client = new XmlRpcClient(new HttpClient(), new Uri($"http://{userInfo}@127.0.0.1:{_server.Address.Port}/RPC2"));

        await client.InvokeAsync("x", [], Budget());

        var request = _server.Last;
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)), request.Header("authorization"));
        Assert.Equal("/RPC2", request.Target);
        Assert.Equal($"127.0.0.1:{_server.Address.Port}", request.Header("host"));
        Assert.DoesNotContain("@", client.Endpoint.ToString());
    }

    [Fact]
    public async Task Authorization_from_the_http_client_is_used_when_the_url_has_none()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "Zm9vOmJhcg==");

        await new XmlRpcClient(http, _server.Address).InvokeAsync("x", [], Budget());

        Assert.Equal("Basic Zm9vOmJhcg==", _server.Last.Header("authorization"));
    }

    [Theory]
    [InlineData(401, "Unauthorized")]
    [InlineData(404, "Not Found")]
    [InlineData(500, "Internal Server Error")]
    [InlineData(503, "Service Unavailable")]
    public async Task Status_other_than_200_is_a_transport_error_carrying_it(int status, string reason)
    {
        // Even with an XML-RPC fault in the body: like Python's ProtocolError, the status decides.
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Fault(1, "nope"), status);

        var e = await Assert.ThrowsAsync<XmlRpcTransportException>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Equal(reason, e.ReasonPhrase);
        Assert.Equal($"The XML-RPC server at {_server.Address}RPC2 answered HTTP {status} {reason} instead of 200 OK.", e.Message);
        Assert.IsAssignableFrom<HttpRequestException>(e);
    }

    [Fact]
    public async Task Fault_is_thrown_with_its_code_and_string()
    {
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Fault(-32601, "method \"no.such\" not found"));

        var e = await Assert.ThrowsAsync<XmlRpcFaultException>(() => Client().InvokeAsync("no.such", [], Budget()));

        Assert.Equal(-32601, e.FaultCode);
        Assert.Equal("method \"no.such\" not found", e.FaultString);
    }

    [Fact]
    public async Task Call_can_return_the_fault_without_throwing()
    {
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Fault(4, "Too many parameters."));

        var response = await Client().CallAsync(new XmlRpcMethodCall("x", []), Budget());

        Assert.True(response.IsFault);
        Assert.Equal(new XmlRpcFault(4, "Too many parameters."), response.Fault);
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>", XmlRpcFormatError.InvalidDocument)]
    [InlineData("not xml at all", XmlRpcFormatError.MalformedXml)]
    [InlineData("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>cut", XmlRpcFormatError.MalformedXml)]
    [InlineData("<?xml version='1.0'?><methodResponse><params><param><value>1</value></param></params></methodResponse><junk/>", XmlRpcFormatError.MalformedXml)]
    [InlineData("<?xml version='1.0'?><!DOCTYPE r [<!ENTITY id \"1234\">]><methodResponse><params><param><value>&id;</value></param></params></methodResponse>", XmlRpcFormatError.DtdProhibited)]
    [InlineData("<?xml version='1.0'?><methodResponse><params><param><value><int>12x</int></value></param></params></methodResponse>", XmlRpcFormatError.InvalidValue)]
    [InlineData("", XmlRpcFormatError.MalformedXml)]
    public async Task Answer_that_is_not_an_xml_rpc_response_is_a_format_error(string body, XmlRpcFormatError error)
    {
        _server.Respond = context => RawResponder.WriteXmlAsync(context, body);

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.Equal(error, e.Error);
    }

    [Fact]
    public async Task Truncated_chunked_answer_is_a_format_error()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct><member><name>a</name>");
        };

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.Equal(XmlRpcFormatError.MalformedXml, e.Error);
    }

    [Fact]
    public async Task Answer_shorter_than_its_content_length_is_a_network_error()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("<?xml version='1.0'?>\n<methodResponse>\n<params>");
            await context.Response.Body.FlushAsync();
            context.Abort();
        };

        var e = await Assert.ThrowsAnyAsync<Exception>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.True(e is IOException or HttpRequestException, $"got {e.GetType()}: {e.Message}");
    }

    [Fact]
    public async Task Gzip_answer_is_decoded_and_gzip_is_asked_for()
    {
        var document = RawResponder.Response("<string>" + new string('z', 50_000) + "</string>");
        _server.Respond = context => WriteGzipAsync(context, RawResponder.Gzip(Encoding.UTF8.GetBytes(document)));

        var value = await Client().InvokeAsync(XmlRpcConverters.String, "x", [], Budget());

        Assert.Equal(50_000, value.Length);
        Assert.Equal("gzip", _server.Last.Header("accept-encoding"));
    }

    [Fact]
    public async Task Gzip_bomb_stops_at_the_decompressed_limit_quickly()
    {
        // 200 MB of one string decompresses from about 200 KB.
        var bomb = GzipBomb(200 * 1024 * 1024);
        _server.Respond = context => WriteGzipAsync(context, bomb);
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() =>
            Client(new XmlRpcClientOptions { MaxDecompressedBytes = 1024 * 1024 }).InvokeAsync("x", [], Budget()));

        Assert.Equal(XmlRpcFormatError.LimitExceeded, e.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Corrupt_gzip_is_a_format_error()
    {
        var gzip = RawResponder.Gzip(Encoding.UTF8.GetBytes(RawResponder.Response("<string>abc</string>")));
        gzip[12] ^= 0xFF;
        gzip[13] ^= 0xFF;
        _server.Respond = context => WriteGzipAsync(context, gzip);

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.Equal(XmlRpcFormatError.MalformedXml, e.Error);
    }

    [Fact]
    public async Task Encoding_other_than_gzip_is_a_format_error()
    {
        _server.Respond = context =>
        {
            context.Response.Headers.ContentEncoding = "br";
            return RawResponder.WriteXmlAsync(context, RawResponder.Response("<string>abc</string>"));
        };

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.Contains("'br'", e.Message);
    }

    [Fact]
    public async Task Without_accept_gzip_none_is_asked_for()
    {
        await Client(new XmlRpcClientOptions { AcceptGzip = false }).InvokeAsync("x", [], Budget());

        Assert.Null(_server.Last.Header("accept-encoding"));
    }

    [Fact]
    public async Task Request_above_the_threshold_is_sent_gzip_compressed()
    {
        var client = Client(new XmlRpcClientOptions { GzipRequestThreshold = 1400 });
        var big = new string('q', 20_000);

        await client.InvokeAsync("echo", [big], Budget());
        var compressed = _server.Last;
        await client.InvokeAsync("echo", ["small"], Budget());
        var plain = _server.Last;

        Assert.Equal("gzip", compressed.Header("content-encoding"));
        Assert.True(compressed.RawBody.Length < 1000, $"{compressed.RawBody.Length} bytes on the wire");
        Assert.Contains(big, compressed.BodyText);
        Assert.Null(plain.Header("content-encoding"));
        Assert.Contains("<string>small</string>", plain.BodyText);
    }

    [Fact]
    public async Task Announced_huge_answer_is_refused_before_reading_it()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength = 64L * 1024 * 1024;
            await context.Response.WriteAsync("<?xml version='1.0'?>");
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        };
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() => Client().InvokeAsync("x", [], Budget()));

        Assert.Equal(XmlRpcFormatError.LimitExceeded, e.Error);
        Assert.Contains("67108864", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Endless_chunked_answer_stops_at_the_response_limit()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync("<?xml version='1.0'?><methodResponse><params><param><value><string>");
            var chunk = new string('a', 64 * 1024);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(chunk, context.RequestAborted);
            }
        };

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() =>
            Client(new XmlRpcClientOptions { MaxResponseBytes = 2 * 1024 * 1024 }).InvokeAsync("x", [], Budget()));

        Assert.Equal(XmlRpcFormatError.LimitExceeded, e.Error);
    }

    [Fact]
    public async Task Deep_answer_stops_at_the_reader_depth_limit()
    {
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Response(
            string.Concat(Enumerable.Repeat("<array><data><value>", 100)) + "1" + string.Concat(Enumerable.Repeat("</value></data></array>", 100))));

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() =>
            Client(new XmlRpcClientOptions { Reader = new XmlRpcReaderOptions { MaxDepth = 10 } }).InvokeAsync("x", [], Budget()));

        Assert.Equal(XmlRpcFormatError.LimitExceeded, e.Error);
    }

    [Fact]
    public async Task Silent_server_is_cancelled_by_the_token()
    {
        _server.Respond = context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().InvokeAsync("x", [], cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Answer_that_stalls_mid_body_is_cancelled_by_the_token()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync("<?xml version='1.0'?>\n<methodResponse>\n<params>\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().InvokeAsync("x", [], cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Timeout_covers_the_body_and_says_it_was_a_timeout()
    {
        _server.Respond = async context =>
        {
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync("<?xml version='1.0'?>\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        };
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<TaskCanceledException>(() =>
            Client(new XmlRpcClientOptions { Timeout = TimeSpan.FromMilliseconds(300) }).InvokeAsync("restart_unit", ["1234"], CancellationToken.None));

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Contains("restart_unit", e.Message);
        Assert.Contains("0.3 s", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Closed_port_is_a_network_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new XmlRpcClient(new HttpClient(), new Uri($"http://127.0.0.1:{port}/")).InvokeAsync("x", [], Budget()));

        Assert.IsNotType<XmlRpcTransportException>(e);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(e.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task Server_that_resets_without_answering_is_retried_once_then_a_network_error()
    {
        _server.Respond = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => Client().InvokeAsync("restart_unit", ["1234"], Budget()));

        Assert.IsNotType<XmlRpcTransportException>(e);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Server_that_resets_without_answering_is_not_retried_when_RetryClosedConnection_is_off()
    {
        _server.Respond = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Client(new XmlRpcClientOptions { RetryClosedConnection = false }).InvokeAsync("restart_unit", ["1234"], Budget()));

        Assert.IsNotType<XmlRpcTransportException>(e);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Server_that_closes_without_answering_is_retried_once_like_pythons_remote_disconnected()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var acceptor = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                Interlocked.Increment(ref connections);
                var received = new StringBuilder();
                var buffer = new byte[4096];
                while (!received.ToString().Contains("</methodCall>\n", StringComparison.Ordinal))
                {
                    var n = await socket.ReceiveAsync(buffer, stop.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    received.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }

                socket.Shutdown(SocketShutdown.Both);
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var e = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new XmlRpcClient(new HttpClient(), new Uri($"http://127.0.0.1:{port}/")).InvokeAsync("restart_unit", ["1234"], Budget()));

        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
        Assert.Equal(2, Volatile.Read(ref connections));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acceptor);
    }

    [Fact]
    public async Task Works_as_the_inside_of_an_http_client_factory_typed_client()
    {
        var services = new ServiceCollection();
        services.AddHttpClient<RestartClient>(http => http.BaseAddress = _server.Address);
        await using var provider = services.BuildServiceProvider();
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Response(
            "<struct><member><name>success</name><value><boolean>1</boolean></value></member><member><name>message</name><value><string>success</string></value></member></struct>"));

        var result = await provider.GetRequiredService<RestartClient>().RestartAsync("1234", Budget());

        Assert.Equal(new TestServices.RestartResult(true, "success"), result);
    }

    private sealed class RestartClient(HttpClient http)
    {
        private readonly XmlRpcClient _rpc = new(http, new Uri(http.BaseAddress!, "/RPC2"));

        public Task<TestServices.RestartResult> RestartAsync(string id, CancellationToken cancellationToken) =>
            _rpc.InvokeAsync(XmlRpcConverters.ForStruct<TestServices.RestartResult>(), "restart_unit", [id], cancellationToken);
    }

    [Fact]
    public async Task Multicall_answer_of_the_wrong_length_is_a_format_error()
    {
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Response("<array><data><value><array><data><value>1</value></data></array></value></data></array>"));

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() =>
            Client().MulticallAsync([new XmlRpcMethodCall("a", []), new XmlRpcMethodCall("b", [])], Budget()));

        Assert.Contains("expected an array of 2 answers", e.Message);
    }

    [Fact]
    public async Task Multicall_sends_the_calls_as_method_name_and_params_structs()
    {
        _server.Respond = context => RawResponder.WriteXmlAsync(context, RawResponder.Response(
            "<array><data><value><array><data><value><int>5</int></value></data></array></value>" +
            "<value><struct><member><name>faultCode</name><value><int>1</int></value></member><member><name>faultString</name><value>no</value></member></struct></value></data></array>"));

        var answers = await Client().MulticallAsync([new XmlRpcMethodCall("add", [2, 3]), new XmlRpcMethodCall("nope", [])], Budget());

        Assert.Equal(new XmlRpcInteger(5), answers[0].Value);
        Assert.Equal(new XmlRpcFault(1, "no"), answers[1].Fault);
        Assert.Contains("<methodName>system.multicall</methodName>", _server.Last.BodyText);
        Assert.Contains("<name>methodName</name>\n<value><string>add</string></value>", _server.Last.BodyText);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void Endpoint_must_be_absolute_http(string endpoint)
    {
        var e = Assert.Throws<ArgumentException>(() => new XmlRpcClient(new HttpClient(), new Uri(endpoint, UriKind.RelativeOrAbsolute)));

        Assert.Contains("http://", e.Message);
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_client_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(new XmlRpcClientOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(new XmlRpcClientOptions { MaxResponseBytes = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(new XmlRpcClientOptions { Reader = new XmlRpcReaderOptions { MaxDepth = 0 } }));
    }

    private static Task WriteGzipAsync(HttpContext context, byte[] gzip)
    {
        context.Response.ContentType = "text/xml";
        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.ContentLength = gzip.Length;
        return context.Response.Body.WriteAsync(gzip, context.RequestAborted).AsTask();
    }

    private static byte[] GzipBomb(int stringLength)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("<?xml version='1.0'?><methodResponse><params><param><value><string>"u8);
            var block = new byte[64 * 1024];
            block.AsSpan().Fill((byte)'b');
            for (var written = 0; written < stringLength; written += block.Length)
            {
                gzip.Write(block);
            }

            gzip.Write("</string></value></param></params></methodResponse>"u8);
        }

        return output.ToArray();
    }

    private static CancellationToken Budget() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;
}
