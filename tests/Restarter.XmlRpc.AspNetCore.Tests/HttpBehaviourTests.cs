using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;
using Restarter.XmlRpc.AspNetCore.Tests.TestServices;

namespace Restarter.XmlRpc.AspNetCore.Tests;

/// <summary>HTTP-level behaviour of a mapped service on a real Kestrel: limits, encodings, refusals, aborts, concurrency.</summary>
public sealed class HttpBehaviourTests : IAsyncLifetime
{
    private const long BodyLimit = 64 * 1024;
    private const long DecompressedLimit = 256 * 1024;

    private readonly ListLoggerProvider _logs = new();
    private KestrelApp _app = null!;

    private CallRecorder Recorder => _app.Services.GetRequiredService<CallRecorder>();

    public async Task InitializeAsync() => _app = await KestrelApp.StartAsync(
        builder =>
        {
            builder.Logging.AddProvider(_logs);
            builder.Services.AddSingleton<CallRecorder>();
            builder.Services.AddScoped<ProbeService>();
            builder.Services.AddXmlRpc(options =>
            {
                options.MaxRequestBodyBytes = BodyLimit;
                options.MaxDecompressedBytes = DecompressedLimit;
            });
        },
        app => app.MapXmlRpc<ProbeService>());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Call(string method, string value) =>
        $"<?xml version='1.0'?>\n<methodCall>\n<methodName>{method}</methodName>\n<params>\n<param>\n<value>{value}</value>\n</param>\n</params>\n</methodCall>\n";

    private static string Record(string entry) => Call("record", $"<string>{entry}</string>");

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private async Task AssertStillAnswersAsync()
    {
        using var response = await _app.PostAsync(Call("text", "<int>3</int>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<string>zzz</string>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_answers_200_text_xml_with_a_content_length()
    {
        using var response = await _app.PostAsync(Record("a"), "/RPC2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(
            "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><int>1</int></value>\n</param>\n</params>\n</methodResponse>\n",
            Encoding.UTF8.GetString(body));
        Assert.Equal(["a"], Recorder.Calls);
    }

    [Fact]
    public async Task Body_larger_than_the_limit_by_content_length_is_413_and_not_dispatched()
    {
        var request = Record(new string('x', (int)BodyLimit));
        using var response = await _app.PostAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Recorder.Calls);
        Assert.Contains(_logs.Entries, e => e.EventId.Name == "ContentLengthTooLarge" && e.Level == LogLevel.Information && e.Message.Contains($"limit of {BodyLimit} bytes", StringComparison.Ordinal));
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task Chunked_body_larger_than_the_limit_is_413_and_not_dispatched()
    {
        var bytes = Encoding.UTF8.GetBytes(Record(new string('x', (int)BodyLimit)));
        var content = new StreamContent(new NonSeekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Recorder.Calls);
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task Chunked_body_within_the_limit_is_dispatched()
    {
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(Record("chunked"))));
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["chunked"], Recorder.Calls);
    }

    [Fact]
    public async Task Gzip_request_body_is_decompressed()
    {
        var content = KestrelApp.Xml(Gzip(Encoding.UTF8.GetBytes(Record("zipped"))));
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["zipped"], Recorder.Calls);
    }

    [Fact]
    public async Task Gzip_bomb_is_413_within_a_second_and_not_dispatched()
    {
        // 10 MiB of one repeated document compresses to a few KiB, far under the wire limit.
        var bomb = Gzip(Encoding.UTF8.GetBytes(Record(new string('x', 10 * 1024 * 1024))));
        Assert.True(bomb.Length < BodyLimit);
        var content = KestrelApp.Xml(bomb);
        content.Headers.ContentEncoding.Add("gzip");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), watch.Elapsed.ToString());
        Assert.Contains("decompressed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.EventId.Name == "BodyTooLarge");
        Assert.Empty(Recorder.Calls);
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task Invalid_gzip_is_400_as_in_Python()
    {
        var content = KestrelApp.Xml(Encoding.UTF8.GetBytes("this is not gzip at all"));
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error decoding gzip content\n", await response.Content.ReadAsStringAsync());
        Assert.Empty(Recorder.Calls);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("gzip, gzip")]
    public async Task Unknown_content_encoding_is_415_and_names_gzip(string encoding)
    {
        var content = KestrelApp.Xml(Record("x"));
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("gzip", string.Join(",", response.Headers.GetValues("Accept-Encoding")));
        Assert.Empty(Recorder.Calls);
    }

    [Fact]
    public async Task Identity_content_encoding_is_accepted()
    {
        var content = KestrelApp.Xml(Record("identity"));
        content.Headers.ContentEncoding.Add("identity");
        using var response = await _app.Client.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["identity"], Recorder.Calls);
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("deflate, gzip;q=0.5", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("identity", false)]
    [InlineData(null, false)]
    public async Task Response_is_gzipped_past_1400_bytes_when_accepted(string? acceptEncoding, bool compressed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = KestrelApp.Xml(Call("text", "<int>2000</int>")) };
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await _app.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(compressed, response.Content.Headers.ContentEncoding.Contains("gzip"));
        if (compressed)
        {
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain);
            body = plain.ToArray();
        }

        Assert.Contains("<string>" + new string('z', 2000) + "</string>", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_response_is_not_gzipped_even_when_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = KestrelApp.Xml(Call("text", "<int>10</int>")) };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await _app.Client.SendAsync(request);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Missing_content_length_is_411_and_not_dispatched()
    {
        var answer = await RawHttp.ExchangeAsync(_app.BaseAddress, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 411 ", answer, StringComparison.Ordinal);
        Assert.Empty(Recorder.Calls);
    }

    [Fact]
    public async Task Truncated_body_is_never_dispatched_and_the_server_stays_quiet()
    {
        // A complete, valid call, but the Content-Length promises more: the client then hangs up.
        var body = Record("truncated");
        var answer = await RawHttp.ExchangeAsync(
            _app.BaseAddress,
            $"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: {body.Length + 100}\r\n\r\n{body}",
            closeAfterSending: true);
        Assert.DoesNotContain("200 OK", answer, StringComparison.Ordinal);
        await AssertStillAnswersAsync();
        Assert.Empty(Recorder.Calls);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Restarter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctype_is_refused_with_a_fault_and_nothing_is_dispatched()
    {
        const string request = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY id \"1234\">]>\n" +
            "<methodCall><methodName>record</methodName><params><param><value><string>&id;</string></value></param></params></methodCall>";
        using var response = await _app.PostAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<name>faultCode</name>\n<value><int>1</int></value>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;class 'xml.parsers.expat.ExpatError'&gt;:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", body, StringComparison.Ordinal);
        Assert.Empty(Recorder.Calls);
    }

    public static TheoryData<string, byte[]> HostileBodies()
    {
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var invalidUtf8 = Utf8(Record("PLACEHOLDER"));
        var at = Encoding.UTF8.GetString(invalidUtf8).IndexOf("PLACEHOLDER", StringComparison.Ordinal);
        invalidUtf8[at] = 0xC3;
        invalidUtf8[at + 1] = 0x28;
        return new()
        {
            { "invalid UTF-8", invalidUtf8 },
            { "60,000-digit int", Utf8(Call("record", "<int>" + new string('9', 60_000) + "</int>")) },
            { "1,000-deep nesting", Utf8(Call("record", string.Concat(Enumerable.Repeat("<array><data><value>", 1_000)) + "x" + string.Concat(Enumerable.Repeat("</value></data></array>", 1_000)))) },
            { "billion laughs", Utf8("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><methodCall><methodName>record</methodName><params><param><value>&c;</value></param></params></methodCall>") },
            { "trailing junk", Utf8(Record("junk") + "<methodCall/>") },
            { "wrong root", Utf8("<methodResponse><params><param><value>x</value></param></params></methodResponse>") },
            { "truncated document", Utf8(Record("cut")[..60]) },
            { "empty body", [] },
        };
    }

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_bodies_are_faults_within_a_second_and_nothing_is_dispatched(string name, byte[] body)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _app.Client.PostAsync("/", KestrelApp.Xml(body));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"{name}: {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<name>faultCode</name>\n<value><int>1</int></value>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Recorder.Calls);
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task External_entity_is_refused_and_nothing_is_dispatched()
    {
        const string request = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodCall [<!ENTITY id SYSTEM \"file:///etc/hostname\">]>\n" +
            "<methodCall><methodName>record</methodName><params><param><value><string>&id;</string></value></param></params></methodCall>";
        using var response = await _app.PostAsync(request);
        Assert.Contains("ExpatError", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Recorder.Calls);
    }

    [Fact]
    public async Task Client_disconnect_cancels_the_method_quietly()
    {
        using var cancel = new CancellationTokenSource();
        var call = _app.Client.PostAsync("/", KestrelApp.Xml("<methodCall><methodName>hang</methodName></methodCall>"), cancel.Token);
        await Recorder.HangStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Recorder.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await AssertStillAnswersAsync();
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_result_XML_cannot_carry_becomes_a_fault()
    {
        using var response = await _app.PostAsync("<methodCall><methodName>unwritable</methodName></methodCall>");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<name>faultCode</name>\n<value><int>1</int></value>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;class 'ValueError'&gt;:cannot marshal the result", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_are_each_answered_with_their_own_result()
    {
        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await _app.PostAsync(Call("text", $"<int>{i}</int>"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"<value><string>{new string('z', i)}</string></value>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        });
        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task Multicall_and_introspection_work_over_http()
    {
        const string request = "<methodCall><methodName>system.multicall</methodName><params><param><value><array><data>" +
            "<value><struct><member><name>methodName</name><value>record</value></member><member><name>params</name><value><array><data><value>m1</value></data></array></value></member></struct></value>" +
            "<value><struct><member><name>methodName</name><value>system.listMethods</value></member><member><name>params</name><value><array><data></data></array></value></member></struct></value>" +
            "<value><struct><member><name>methodName</name><value>system.multicall</value></member><member><name>params</name><value><array><data></data></array></value></member></struct></value>" +
            "</data></array></value></param></params></methodCall>";
        using var response = await _app.PostAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<value><array><data>\n<value><int>1</int></value>\n</data></array></value>", body, StringComparison.Ordinal);
        Assert.Contains("<value><string>hang</string></value>", body, StringComparison.Ordinal);
        Assert.Contains("system.multicall may not be nested", body, StringComparison.Ordinal);
        Assert.Equal(["m1"], Recorder.Calls);
    }

    /// <summary>A stream with no length, so HttpClient sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
