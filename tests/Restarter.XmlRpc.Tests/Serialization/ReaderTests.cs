namespace Restarter.XmlRpc.Tests.Serialization;

public class ReaderTests
{
    [Fact]
    public async Task The_legacy_restart_unit_call_reads()
    {
        var call = await Codec.ReadCallAsync(
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>restart_unit</methodName>\n<params>\n<param>\n<value><string>1234</string></value>\n</param>\n</params>\n</methodCall>\n");

        Assert.Equal("restart_unit", call.MethodName);
        Assert.Equal([new XmlRpcString("1234")], call.Parameters);
    }

    [Theory]
    [InlineData("<methodCall><methodName>system.listMethods</methodName></methodCall>")]
    [InlineData("<methodCall><methodName>system.listMethods</methodName><params/></methodCall>")]
    [InlineData("<methodCall>\n <methodName>system.listMethods</methodName>\n <params>\n </params>\n</methodCall>")]
    public async Task Absent_or_empty_params_mean_no_parameters(string document)
    {
        var call = await Codec.ReadCallAsync(document);

        Assert.Equal("system.listMethods", call.MethodName);
        Assert.Empty(call.Parameters);
    }

    [Theory]
    [InlineData("19980717T14:08:55")]
    [InlineData("1998-07-17T14:08:55")]
    [InlineData("19980717T140855")]
    [InlineData(" 19980717T14:08:55\n")]
    public async Task Both_date_forms_are_accepted(string text)
    {
        var value = await Codec.ReadValueAsync($"<value><dateTime.iso8601>{text}</dateTime.iso8601></value>");

        Assert.Equal(new XmlRpcDateTime(new DateTime(1998, 7, 17, 14, 8, 55)), value);
    }

    [Fact]
    public async Task Namespaced_nil_as_Apache_sends_it_reads()
    {
        var value = await Codec.ReadValueAsync(
            "<value><ex:nil xmlns:ex='http://ws.apache.org/xmlrpc/namespaces/extensions'/></value>");

        Assert.Equal(XmlRpcValue.Nil, value);
    }

    [Fact]
    public async Task A_fault_response_reads_as_a_fault()
    {
        var response = await Codec.ReadResponseAsync(Codec.Fault(1, "<class 'Exception'>:boom"));

        Assert.True(response.IsFault);
        Assert.Equal(new XmlRpcFault(1, "<class 'Exception'>:boom"), response.Fault);
    }

    [Fact]
    public async Task Bigdecimal_and_float_read_as_doubles()
    {
        var value = await Codec.ReadValueAsync("<value><array><data><value><bigdecimal>0.1</bigdecimal></value><value><float>-2.5e3</float></value></data></array></value>");

        Assert.Equal(new XmlRpcArray().Add(0.1).Add(-2500.0), value);
    }

    [Theory]
    [InlineData(1e100)]
    [InlineData(-1.7976931348623157e308)]
    public async Task A_double_in_PHPs_fixed_notation_reads_with_the_default_limits(double number)
    {
        // PHP's xmlrpc-epi writes doubles with "%f": -DBL_MAX becomes 317 characters of digits.
        var text = number.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);

        var value = await Codec.ReadValueAsync($"<value><double>{text}</double></value>");

        Assert.True(text.Length > 100);
        Assert.Equal(new XmlRpcDouble(number), value);
    }

    [Fact]
    public async Task The_smallest_double_in_xmlrpc_cs_plain_decimals_reads_with_the_default_limits()
    {
        var text = "0." + new string('0', 323) + "4940656458412466";

        var value = await Codec.ReadValueAsync($"<value><double>{text}</double></value>");

        Assert.Equal(new XmlRpcDouble(double.Epsilon), value);
    }

    [Fact]
    public async Task Cancellation_stops_a_read_that_waits_for_bytes()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var stalled = new StalledStream("<?xml version='1.0'?><methodCall><methodName>x</methodName>"u8.ToArray());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => XmlRpcSerializer.ReadMethodCallAsync(stalled, Codec.Defaults, cancellation.Token).AsTask());
    }

    /// <summary>Hands out its bytes, then waits forever (until cancelled) like a client that stopped sending.</summary>
    private sealed class StalledStream(byte[] prefix) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < prefix.Length)
            {
                var count = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsMemory(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous read");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
