using System.Net;
using System.Text;
using Restarter.XmlRpc.Tests.TestServices;

namespace Restarter.XmlRpc.Tests.Client;

/// <summary>The client against Python's own SimpleXMLRPCServer (HTTP/1.0, one call per connection) serving the seed's Service.</summary>
public sealed class PythonServerTests(PythonSeedServer python) : IClassFixture<PythonSeedServer>
{
    private static readonly TimeSpan CallBudget = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("1234", true, "success")]
    [InlineData("12345", false, "invalid identifier")]
    [InlineData("../x", false, "invalid identifier")]
    public async Task Restart_unit_answers_the_seed_dataclass_as_a_typed_struct(string identifier, bool success, string message)
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var result = await client.InvokeAsync(XmlRpcConverters.ForStruct<RestartResult>(), "restart_unit", [identifier], Timeout());

        Assert.Equal(new RestartResult(success, message), result);
    }

    [Fact]
    public async Task Raw_result_is_the_dataclass_dict_in_declaration_order()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var value = await client.InvokeAsync("restart_unit", ["0001"], Timeout());

        var members = Assert.IsType<XmlRpcStruct>(value);
        Assert.Equal(["success", "message"], members.Select(m => m.Key));
    }

    public static TheoryData<string, XmlRpcValue> EveryType() => new()
    {
        { "int", 42 },
        { "negative int", int.MinValue },
        { "boolean", true },
        { "string", "héllo <&> \"wörld\" ✓ 🎉" },
        { "empty string", "" },
        { "double", 0.1 },
        { "big double", 1e100 },
        { "negative zero", -0.0 },
        { "dateTime", new DateTime(2026, 11, 28, 12, 34, 56) },
        { "base64", new byte[] { 0, 1, 2, 250, 255 } },
        { "nil", XmlRpcValue.Nil },
        { "array", new XmlRpcArray().Add(1).Add("two").Add(new XmlRpcArray().Add(false)) },
        { "struct", new XmlRpcStruct().Add("z", 1).Add("a", new XmlRpcStruct().Add("deep", new XmlRpcArray().Add(2.5))) },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public async Task Echo_round_trips_every_type_through_python(string name, XmlRpcValue value)
    {
        _ = name;
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var echoed = await client.InvokeAsync("echo", [value], Timeout());

        Assert.Equal(value, echoed);
    }

    [Fact]
    public async Task I8_reaches_python_which_cannot_answer_beyond_32_bits()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        // Python's unmarshaller reads <i8>; its marshaller refuses ints beyond 32 bits, so the echo is a fault.
        var fault = await Assert.ThrowsAsync<XmlRpcFaultException>(() => client.InvokeAsync("echo", [1L << 40], Timeout()));

        Assert.Equal("<class 'OverflowError'>:int exceeds XML-RPC limits", fault.FaultString);
    }

    [Fact]
    public async Task Python_exception_is_a_fault_with_code_1_and_python_text()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var fault = await Assert.ThrowsAsync<XmlRpcFaultException>(() => client.InvokeAsync("fail", ["boom"], Timeout()));

        Assert.Equal(1, fault.FaultCode);
        Assert.Equal("<class 'Exception'>:boom", fault.FaultString);
    }

    [Fact]
    public async Task Unknown_method_and_wrong_arity_are_faults()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var unknown = await Assert.ThrowsAsync<XmlRpcFaultException>(() => client.InvokeAsync("no.such", [], Timeout()));
        var arity = await Assert.ThrowsAsync<XmlRpcFaultException>(() => client.InvokeAsync("restart_unit", [], Timeout()));

        Assert.Equal("<class 'Exception'>:method \"no.such\" is not supported", unknown.FaultString);
        Assert.Equal(1, arity.FaultCode);
        Assert.Contains("missing 1 required positional argument: 'identifier'", arity.FaultString);
    }

    [Fact]
    public async Task Typed_result_of_the_wrong_shape_is_a_format_error_naming_the_member()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() =>
            client.InvokeAsync(XmlRpcConverters.ForStruct<RestartResult>(), "echo", [new XmlRpcStruct().Add("success", true)], Timeout()));

        Assert.Equal(XmlRpcFormatError.InvalidDocument, e.Error);
        Assert.Contains("struct member 'message' is missing", e.Message);
        Assert.IsType<XmlRpcConversionException>(e.InnerException);
    }

    [Fact]
    public async Task Credentials_in_the_url_arrive_as_basic_auth_percent_decoded_and_not_in_the_request_line()
    {
        var client = new XmlRpcClient(new HttpClient(), new Uri($"http://web:p%40ss%3Aw%C3%B6rd@127.0.0.1:{python.Port}/RPC2"));

        var headers = Assert.IsType<XmlRpcStruct>(await client.InvokeAsync("request_headers", [], Timeout()));

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("web:p@ss:wörd")), Header(headers, "authorization"));
        Assert.Equal("/RPC2", Header(headers, "x-request-path"));
        Assert.Equal($"127.0.0.1:{python.Port}", Header(headers, "host"));
        Assert.Equal("http://127.0.0.1:" + python.Port + "/RPC2", client.Endpoint.ToString());
    }

    [Fact]
    public async Task Sends_what_python_servers_expect_text_xml_with_a_length_and_our_user_agent()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var headers = Assert.IsType<XmlRpcStruct>(await client.InvokeAsync("request_headers", [], Timeout()));

        Assert.Equal("text/xml", Header(headers, "content-type"));
        Assert.NotNull(Header(headers, "content-length"));
        Assert.Null(Header(headers, "transfer-encoding"));
        Assert.Null(Header(headers, "authorization"));
        Assert.Matches(@"^Restarter\.XmlRpc/\d+\.\d+\.\d+$", Header(headers, "user-agent"));
        Assert.Equal("gzip", Header(headers, "accept-encoding"));
    }

    [Fact]
    public async Task Url_without_a_path_posts_to_rpc2_like_server_proxy()
    {
        var client = new XmlRpcClient(new HttpClient(), new Uri($"http://127.0.0.1:{python.Port}"));

        var headers = Assert.IsType<XmlRpcStruct>(await client.InvokeAsync("request_headers", [], Timeout()));

        Assert.Equal("/RPC2", Header(headers, "x-request-path"));
    }

    [Fact]
    public async Task Path_python_does_not_serve_is_a_transport_error_with_404()
    {
        var client = new XmlRpcClient(new HttpClient(), new Uri(python.Address, "/not-rpc"));

        var e = await Assert.ThrowsAsync<XmlRpcTransportException>(() => client.InvokeAsync("restart_unit", ["1234"], Timeout()));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ((HttpRequestException)e).StatusCode);
        Assert.Contains("/not-rpc", e.Message);
    }

    [Fact]
    public async Task Large_answer_comes_gzip_compressed_from_python_and_is_decoded()
    {
        using var wire = new WireObserver();
        var client = new XmlRpcClient(new HttpClient(wire), python.Address);

        var text = await client.InvokeAsync(XmlRpcConverters.String, "text_of_length", [100_000], Timeout());

        Assert.Equal(new string('x', 100_000), text);
        Assert.Equal(["gzip"], wire.Last.ContentHeaders.ContentEncoding);
        Assert.True(wire.Last.ContentHeaders.ContentLength < 10_000, $"compressed length {wire.Last.ContentHeaders.ContentLength}");
    }

    [Fact]
    public async Task Gzip_answer_beyond_the_decompressed_limit_is_refused()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address, new XmlRpcClientOptions { MaxDecompressedBytes = 50_000 });

        var e = await Assert.ThrowsAsync<XmlRpcFormatException>(() => client.InvokeAsync("text_of_length", [100_000], Timeout()));

        Assert.Equal(XmlRpcFormatError.LimitExceeded, e.Error);
    }

    [Fact]
    public async Task Without_accept_gzip_python_answers_plain()
    {
        using var wire = new WireObserver();
        var client = new XmlRpcClient(new HttpClient(wire), python.Address, new XmlRpcClientOptions { AcceptGzip = false });

        var text = await client.InvokeAsync(XmlRpcConverters.String, "text_of_length", [100_000], Timeout());

        Assert.Equal(100_000, text.Length);
        Assert.Empty(wire.Last.ContentHeaders.ContentEncoding);
    }

    [Fact]
    public async Task Gzip_request_is_decoded_by_python()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address, new XmlRpcClientOptions { GzipRequestThreshold = 0 });
        var big = new string('y', 10_000);

        var echoed = await client.InvokeAsync(XmlRpcConverters.String, "echo", [big], Timeout());
        var headers = Assert.IsType<XmlRpcStruct>(await client.InvokeAsync("request_headers", [], Timeout()));

        Assert.Equal(big, echoed);
        Assert.Equal("gzip", Header(headers, "content-encoding"));
    }

    [Fact]
    public async Task Request_below_the_gzip_threshold_goes_plain()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address, new XmlRpcClientOptions { GzipRequestThreshold = 1400 });

        var headers = Assert.IsType<XmlRpcStruct>(await client.InvokeAsync("request_headers", [], Timeout()));

        Assert.Null(Header(headers, "content-encoding"));
    }

    [Fact]
    public async Task Multicall_answers_values_and_faults_in_order()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var answers = await client.MulticallAsync(
        [
            new XmlRpcMethodCall("restart_unit", ["1234"]),
            new XmlRpcMethodCall("fail", ["second"]),
            new XmlRpcMethodCall("echo", [new XmlRpcArray().Add(7)]),
            new XmlRpcMethodCall("no.such", []),
        ], Timeout());

        Assert.Equal(4, answers.Count);
        Assert.Equal(new XmlRpcStruct().Add("success", true).Add("message", "success"), answers[0].Value);
        Assert.Equal(new XmlRpcFault(1, "<class 'Exception'>:second"), answers[1].Fault);
        Assert.Equal(new XmlRpcArray().Add(7), answers[2].Value);
        Assert.Equal(new XmlRpcFault(1, "<class 'Exception'>:method \"no.such\" is not supported"), answers[3].Fault);
    }

    [Fact]
    public async Task Introspection_lists_the_seed_method()
    {
        var client = new XmlRpcClient(new HttpClient(), python.Address);

        var methods = await client.InvokeAsync(XmlRpcConverters.ArrayOf(XmlRpcConverters.String), "system.listMethods", [], Timeout());

        Assert.Contains("restart_unit", methods);
        Assert.Contains("system.multicall", methods);
    }

    [Fact]
    public async Task Quick_sequential_calls_survive_python_closing_each_pooled_connection()
    {
        // Without the client's retry about a quarter of these fail: SocketsHttpHandler pools the HTTP/1.0 connection
        // that Python closes after answering, and the next call lands on it.
        using var wire = new WireObserver();
        var client = new XmlRpcClient(new HttpClient(wire), python.Address);

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i, await client.InvokeAsync(XmlRpcConverters.Int32, "echo", [i], Timeout()));
        }

        Assert.Equal(200, wire.Exchanges.Count);
        Assert.All(wire.Exchanges, e => Assert.Equal(HttpVersion.Version10, e.Version));
    }

    [Fact]
    public async Task Concurrent_calls_work_with_a_handler_that_does_not_pool_python_connections()
    {
        // Measured: with a pooling SocketsHttpHandler, 16 concurrent calls to SimpleXMLRPCServer lose about a third of
        // them to "The response ended prematurely"; without pooling none. See XmlRpcClient's remarks.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        var client = new XmlRpcClient(new HttpClient(handler), python.Address);

        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => client.InvokeAsync(XmlRpcConverters.Int32, "echo", [i], Timeout())));
            Assert.Equal(Enumerable.Range(0, 16), answers);
        }
    }

    private static string? Header(XmlRpcStruct headers, string name) =>
        headers.TryGetValue(name, out var value) ? ((XmlRpcString)value).Value : null;

    private static CancellationToken Timeout() => new CancellationTokenSource(CallBudget).Token;
}
