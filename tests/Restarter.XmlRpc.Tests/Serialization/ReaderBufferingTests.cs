using System.Text;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>
/// Guards the cost per call of reading: an asynchronous XmlReader allocated about 100 KB per document however small
/// (benchmarks/Restarter.Benchmarks measured 104 KB for the 160-byte restart_unit call); buffered and read
/// synchronously it is a few KB.
/// </summary>
public sealed class ReaderBufferingTests
{
    // Byte for byte what Python's xmlrpc.client sends for restart_unit('1234').
    private static readonly byte[] RestartUnitCall = Encoding.UTF8.GetBytes(
        "<?xml version='1.0'?>\n<methodCall>\n<methodName>restart_unit</methodName>\n<params>\n<param>\n" +
        "<value><string>1234</string></value>\n</param>\n</params>\n</methodCall>\n");

    [Fact]
    public async Task Reading_the_restart_unit_call_allocates_less_than_16_KB()
    {
        Assert.Equal(160, RestartUnitCall.Length);
        await Codec.ReadCallAsync(RestartUnitCall); // warm up: first-call caches are not per call

        var before = GC.GetAllocatedBytesForCurrentThread();
        var call = await XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(RestartUnitCall, writable: false), Codec.Defaults);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("restart_unit", call.MethodName);
        Assert.Equal(new XmlRpcString("1234"), Assert.Single(call.Parameters));
        Assert.True(allocated < 16 * 1024, $"reading the 160-byte call allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_document_larger_than_the_first_buffer_reads_whole()
    {
        var text = new string('x', 20_000);
        var document = Codec.Call("echo", new XmlRpcArray([text, text, 7]));

        var call = await Codec.ReadCallAsync(document);

        Assert.Equal(new XmlRpcArray([text, text, 7]), Assert.Single(call.Parameters));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(511)]
    public async Task Surrogate_pairs_across_the_text_buffer_boundary_read_whole(int prefix)
    {
        var text = new string('a', prefix) + string.Concat(Enumerable.Repeat("\U0001F600", 300)) + "z";

        var call = await Codec.ReadCallAsync(Codec.Call("echo", text));

        Assert.Equal(new XmlRpcString(text), Assert.Single(call.Parameters));
    }

    [Fact]
    public async Task Text_cdata_and_whitespace_merge_and_whitespace_only_values_keep_their_text()
    {
        var value = await Codec.ReadValueAsync("<value><array><data>\n<value><string>a<![CDATA[<b>]]>c</string></value>\n<value> \n\t</value><value>\n</value><value></value></data></array></value>");

        Assert.Equal(new XmlRpcArray(["a<b>c", " \n\t", "\n", ""]), value);
    }
}
