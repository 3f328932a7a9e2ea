using System.Text;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>Each hostile or broken body fails with the right error, fast, and nothing of it is returned.</summary>
public class HostileInputTests
{
    private const string ValidCall =
        "<?xml version='1.0'?>\n<methodCall>\n<methodName>restart_unit</methodName>\n<params>\n<param>\n<value><string>1234</string></value>\n</param>\n</params>\n</methodCall>\n";

    [Fact]
    public Task An_external_entity_is_refused() => Codec.AssertFailsAsync(XmlRpcFormatError.DtdProhibited, () => Codec.ReadCallAsync(
        "<?xml version='1.0'?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><methodCall><methodName>&xxe;</methodName></methodCall>"));

    [Fact]
    public Task Billion_laughs_is_refused()
    {
        var entities = new StringBuilder("<!ENTITY lol0 'lol'>");
        for (var i = 1; i < 10; i++)
        {
            entities.Append($"<!ENTITY lol{i} '{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}'>");
        }

        return Codec.AssertFailsAsync(XmlRpcFormatError.DtdProhibited, () => Codec.ReadCallAsync(
            $"<?xml version='1.0'?><!DOCTYPE methodCall [{entities}]><methodCall><methodName>&lol9;</methodName></methodCall>"));
    }

    // The legacy server expanded this entity and restarted unit 1234.
    [Fact]
    public Task An_internal_entity_is_refused_and_nothing_is_dispatched() => Codec.AssertFailsAsync(XmlRpcFormatError.DtdProhibited, () => Codec.ReadCallAsync(
        "<?xml version='1.0'?><!DOCTYPE methodCall [<!ENTITY id '1234'>]><methodCall><methodName>restart_unit</methodName><params><param><value><string>&id;</string></value></param></params></methodCall>"));

    [Fact]
    public Task An_undeclared_entity_is_malformed() => Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(
        "<methodCall><methodName>&id;</methodName></methodCall>"));

    [Theory]
    [InlineData("<value><array><data>", "</data></array></value>")]
    [InlineData("<value><struct><member><name>m</name>", "</member></struct></value>")]
    public Task Nesting_100000_deep_is_refused(string open, string close)
    {
        var document = Encoding.UTF8.GetBytes(
            "<methodCall><methodName>echo</methodName><params><param>" + Repeat(open, 100_000) + "<value/>" + Repeat(close, 100_000) + "</param></params></methodCall>");
        return Codec.AssertFailsAsync(XmlRpcFormatError.LimitExceeded, () => Codec.ReadCallAsync(document));
    }

    [Fact]
    public Task Elements_100000_deep_that_are_not_XML_RPC_are_refused()
    {
        var document = Encoding.UTF8.GetBytes(
            "<methodCall><methodName>echo</methodName><params><param><value>" + Repeat("<a>", 100_000) + Repeat("</a>", 100_000) + "</value></param></params></methodCall>");
        return Codec.AssertFailsAsync(XmlRpcFormatError.InvalidDocument, () => Codec.ReadCallAsync(document));
    }

    [Theory]
    [InlineData("int")]
    [InlineData("i8")]
    [InlineData("double")]
    public Task A_200000_digit_number_is_refused(string type)
    {
        var document = Encoding.UTF8.GetBytes(
            $"<methodCall><methodName>echo</methodName><params><param><value><{type}>{new string('9', 200_000)}</{type}></value></param></params></methodCall>");
        return Codec.AssertFailsAsync(XmlRpcFormatError.LimitExceeded, () => Codec.ReadCallAsync(document));
    }

    [Fact]
    public Task Too_many_values_are_refused() => Codec.AssertFailsAsync(XmlRpcFormatError.LimitExceeded, () => Codec.ReadCallAsync(
        "<methodCall><methodName>echo</methodName><params><param><value><array><data>" + Repeat("<value/>", 101) + "</data></array></value></param></params></methodCall>",
        new XmlRpcReaderOptions { MaxValues = 100 }));

    [Fact]
    public Task A_document_over_the_byte_limit_is_refused() => Codec.AssertFailsAsync(XmlRpcFormatError.LimitExceeded, () => Codec.ReadCallAsync(
        "<methodCall><methodName>echo</methodName><params><param><value>" + new string('x', 10_000) + "</value></param></params></methodCall>",
        new XmlRpcReaderOptions { MaxDocumentBytes = 4096 }));

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF })] // overlong '/'
    public Task Invalid_UTF8_is_refused(byte[] bad)
    {
        var document = Encoding.UTF8.GetBytes("<methodCall><methodName>echo</methodName><params><param><value>a")
            .Concat(bad).Concat(Encoding.UTF8.GetBytes("</value></param></params></methodCall>")).ToArray();
        return Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(document));
    }

    // XmlReader decodes a declared encoding with a replacement fallback: 0xE9 in US-ASCII became '?' and the call went on.
    [Theory]
    [InlineData("US-ASCII", new byte[] { 0xE9 })]
    [InlineData("us-ascii", new byte[] { 0x80 })]
    [InlineData("utf-8", new byte[] { 0xC3, 0x28 })]
    [InlineData("UTF-8", new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 })]
    public Task Bytes_invalid_in_the_declared_encoding_are_refused(string encoding, byte[] bad)
    {
        var document = Encoding.ASCII.GetBytes($"<?xml version='1.0' encoding='{encoding}'?><methodCall><methodName>restart_unit</methodName><params><param><value><string>12")
            .Concat(bad).Concat(Encoding.ASCII.GetBytes("4</string></value></param></params></methodCall>")).ToArray();
        return Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(document));
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xFF })]
    [InlineData(new byte[0], new byte[] { 0xE2, 0x82 })] // a sequence cut short by the end of the document
    public Task Invalid_UTF8_after_the_root_or_behind_a_byte_order_mark_is_refused(byte[] before, byte[] after)
    {
        var document = before.Concat(Encoding.UTF8.GetBytes(ValidCall)).Concat(after).ToArray();
        return Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(document));
    }

    // Found by the fuzzer: once the reader decodes by itself, XmlReader no longer checks the declared name.
    [Theory]
    [InlineData("iso-8859\u007f1")]
    [InlineData("iso%8859-1")]
    [InlineData("8859-1")]
    [InlineData("")]
    [InlineData("utf-8\" x=\"")]
    public Task A_declared_encoding_that_is_not_an_encoding_name_is_refused(string name) => Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(
        $"<?xml version='1.0' encoding='{name}'?>" + ValidCall[ValidCall.IndexOf('<', 1)..]));

    [Theory]
    [InlineData("<?xml version='1.0\u0661\u0662' encoding='iso-8859-1'?>")]
    [InlineData("<?xml version='2.0'?>")]
    [InlineData("<?xml encoding='utf-8'?>")]
    [InlineData("<?xml version='1.0'encoding='utf-8'?>")]
    [InlineData("<?xml version='1.0' encoding='utf-8' standalone='maybe'?>")]
    [InlineData("<?xml version='1.0' standalone='yes' encoding='utf-8'?>")]
    [InlineData("<?xml version='1.0' foo='bar'?>")]
    [InlineData("<?xml version='1.0\u00e9'?>")]
    public Task A_malformed_XML_declaration_is_refused(string declaration) => Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(
        Encoding.UTF8.GetBytes(declaration + ValidCall[ValidCall.IndexOf('<', 1)..])));

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")]
    [InlineData("<?xml version = '1.0'  encoding = 'utf-8' ?>")]
    [InlineData("<?xml version='1.0' standalone='no'?>")]
    [InlineData("<?xml\tversion='1.0'\r\n?>")]
    public async Task Well_formed_XML_declarations_are_accepted(string declaration) =>
        Assert.Equal("restart_unit", (await Codec.ReadCallAsync(declaration + ValidCall[ValidCall.IndexOf('<', 1)..])).MethodName);

    [Fact]
    public Task A_declared_UTF16_that_is_not_is_refused() => Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(
        "<?xml version='1.0' encoding='UTF-16'?><methodCall><methodName>echo</methodName></methodCall>"));

    [Theory]
    [InlineData("UTF-16LE", false)]
    [InlineData("UTF-16BE", true)]
    public async Task UTF16_without_a_byte_order_mark_is_read(string name, bool bigEndian)
    {
        var document = new UnicodeEncoding(bigEndian, byteOrderMark: false).GetBytes(
            $"<?xml version='1.0' encoding='{name}'?><methodCall><methodName>echo</methodName><params><param><value>é</value></param></params></methodCall>");
        Assert.Equal(new XmlRpcString("é"), (await Codec.ReadCallAsync(document)).Parameters.Single());
    }

    [Fact]
    public async Task A_declaration_split_across_reads_is_honoured()
    {
        var document = Encoding.Latin1.GetBytes("<?xml version='1.0' encoding='ISO-8859-1'?><methodCall><methodName>echo</methodName><params><param><value>é</value></param></params></methodCall>");
        var call = await XmlRpcSerializer.ReadMethodCallAsync(new OneByteStream(document), Codec.Defaults);
        Assert.Equal(new XmlRpcString("é"), call.Parameters.Single());
    }

    // PHP's xmlrpc_encode writes doubles with %f: 1e100 is 108 characters, the largest double 316.
    [Theory]
    [InlineData(1e100)]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    public async Task Doubles_written_without_an_exponent_are_read(double value)
    {
        var text = value.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(text.Length > 64);
        Assert.Equal(new XmlRpcDouble(value), await Codec.ReadValueAsync($"<value><double>{text}</double></value>"));
    }

    [Theory]
    [InlineData("double", 351)]
    [InlineData("int", 65)]
    [InlineData("i4", 65)]
    public Task Numbers_beyond_their_length_limit_are_refused(string type, int length) =>
        Codec.AssertFailsAsync(XmlRpcFormatError.LimitExceeded, () => Codec.ReadValueAsync($"<value><{type}>{new string('1', length)}</{type}></value>"));

    [Fact]
    public Task An_unsupported_encoding_is_refused() => Codec.AssertFailsAsync(XmlRpcFormatError.UnsupportedEncoding, () => Codec.ReadCallAsync(
        "<?xml version='1.0' encoding='x-no-such-charset'?><methodCall><methodName>echo</methodName></methodCall>"));

    [Fact]
    public async Task Every_truncation_of_a_call_is_refused()
    {
        var document = Encoding.UTF8.GetBytes(ValidCall.TrimEnd('\n'));
        for (var length = 0; length < document.Length; length++)
        {
            var prefix = document[..length];
            var exception = await Assert.ThrowsAsync<XmlRpcFormatException>(() => Codec.ReadCallAsync(prefix));
            Assert.True(exception.Error is XmlRpcFormatError.MalformedXml, $"length {length}: {exception.Error} {exception.Message}");
        }
    }

    [Fact]
    public async Task Every_truncation_of_a_response_is_refused()
    {
        var document = Codec.Response(new XmlRpcStruct().Add("success", true).Add("message", "success"));
        for (var length = 0; length < document.Length - 1; length++)
        {
            var prefix = document[..length];
            await Assert.ThrowsAsync<XmlRpcFormatException>(() => Codec.ReadResponseAsync(prefix));
        }
    }

    [Theory]
    [InlineData("<junk/>", XmlRpcFormatError.MalformedXml)]
    [InlineData("junk", XmlRpcFormatError.MalformedXml)]
    [InlineData("<methodCall><methodName>restart_unit</methodName></methodCall>", XmlRpcFormatError.MalformedXml)]
    [InlineData("<!-- a comment is fine --> \n", null)]
    public async Task Trailing_junk_after_the_root_is_refused(string trailer, XmlRpcFormatError? expected)
    {
        if (expected is { } error)
        {
            await Codec.AssertFailsAsync(error, () => Codec.ReadCallAsync(ValidCall + trailer));
        }
        else
        {
            Assert.Equal("restart_unit", (await Codec.ReadCallAsync(ValidCall + trailer)).MethodName);
        }
    }

    [Theory]
    [InlineData("<methodResponse><params><param><value>1</value></param></params></methodResponse>")]
    [InlineData("<html><body>hello</body></html>")]
    [InlineData("<methodcall><methodName>x</methodName></methodcall>")]
    [InlineData("<ex:methodCall xmlns:ex='urn:x'><methodName>x</methodName><junk/></ex:methodCall>")]
    public Task A_wrong_root_is_refused(string document) =>
        Codec.AssertFailsAsync(XmlRpcFormatError.InvalidDocument, () => Codec.ReadCallAsync(document));

    [Fact]
    public Task A_call_is_not_a_response() =>
        Codec.AssertFailsAsync(XmlRpcFormatError.InvalidDocument, () => Codec.ReadResponseAsync(ValidCall));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<?xml version='1.0'?>")]
    public Task An_empty_body_is_malformed(string document) =>
        Codec.AssertFailsAsync(XmlRpcFormatError.MalformedXml, () => Codec.ReadCallAsync(document));

    [Theory]
    [InlineData("<value><integer>1</integer></value>")]
    [InlineData("<value><struct><member><value>1</value><name>a</name></member></struct></value>")]
    [InlineData("<value><array><value>1</value></array></value>")]
    [InlineData("<value><int>1</int><int>2</int></value>")]
    [InlineData("<value>text<int>1</int></value>")]
    [InlineData("<value><string>a<b/>c</string></value>")]
    [InlineData("<value><struct><member><name>a</name></member></struct></value>")]
    public Task Structures_that_are_not_XML_RPC_are_refused(string valueXml) =>
        Codec.AssertFailsAsync(XmlRpcFormatError.InvalidDocument, () => Codec.ReadValueAsync(valueXml));

    [Theory]
    [InlineData("<int>12a</int>")]
    [InlineData("<int></int>")]
    [InlineData("<int>1.0</int>")]
    [InlineData("<i8>9223372036854775808</i8>")]
    [InlineData("<biginteger>-9223372036854775809</biginteger>")]
    [InlineData("<boolean>2</boolean>")]
    [InlineData("<boolean>true</boolean>")]
    [InlineData("<boolean> 1</boolean>")]
    [InlineData("<double>1.2.3</double>")]
    [InlineData("<double></double>")]
    [InlineData("<double>0x10</double>")]
    [InlineData("<dateTime.iso8601>yesterday</dateTime.iso8601>")]
    [InlineData("<dateTime.iso8601>19981317T14:08:55</dateTime.iso8601>")]
    [InlineData("<base64>!!!!</base64>")]
    [InlineData("<base64>abc</base64>")]
    [InlineData("<nil>x</nil>")]
    public Task Bad_scalars_are_refused(string scalar) =>
        Codec.AssertFailsAsync(XmlRpcFormatError.InvalidValue, () => Codec.ReadValueAsync($"<value>{scalar}</value>"));

    [Theory]
    [InlineData("<methodResponse><fault><value><struct></struct></value></fault></methodResponse>")]
    [InlineData("<methodResponse><fault><value><string>x</string></value></fault></methodResponse>")]
    [InlineData("<methodResponse><params></params></methodResponse>")]
    [InlineData("<methodResponse><params><param><value>1</value></param><param><value>2</value></param></params></methodResponse>")]
    [InlineData("<methodResponse></methodResponse>")]
    public Task Malformed_responses_are_refused(string document) =>
        Codec.AssertFailsAsync(XmlRpcFormatError.InvalidDocument, () => Codec.ReadResponseAsync(document));

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary>Hands out one byte per read, as a slow network would.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(1, buffer.Length)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
