using System.Buffers;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc.Tests.Serialization;

public class WriterTests
{
    [Theory]
    [InlineData(0x0000, "nul")]
    [InlineData(0x0007, "bell")]
    [InlineData(0xD800, "lone high surrogate")]
    [InlineData(0xDC00, "lone low surrogate")]
    [InlineData(0xD83D, "")]
    [InlineData(0xFFFE, "non-character")]
    public void A_string_XML_cannot_carry_is_refused_before_any_byte_is_written(int codeUnit, string after)
    {
        // Built here: xunit would replace a lone surrogate in [InlineData] strings while serialising test cases.
        var text = "before " + (char)codeUnit + after;
        var output = new ArrayBufferWriter<byte>();
        var value = new XmlRpcArray().Add("fine").Add(new XmlRpcStruct().Add("deep", text));

        var exception = Assert.Throws<XmlRpcFormatException>(() => XmlRpcSerializer.WriteMethodResponse(output, XmlRpcMethodResponse.Success(value)));

        Assert.Equal(XmlRpcFormatError.InvalidValue, exception.Error);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_member_name_or_method_name_XML_cannot_carry_is_refused()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<XmlRpcFormatException>(() => XmlRpcSerializer.WriteMethodResponse(output, XmlRpcMethodResponse.Success(new XmlRpcStruct().Add("a\0", 1))));
        Assert.Throws<XmlRpcFormatException>(() => XmlRpcSerializer.WriteMethodCall(output, new XmlRpcMethodCall("x\u0001", [])));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void An_array_that_contains_itself_is_refused_as_Python_refuses_recursive_lists()
    {
        var array = new XmlRpcArray().Add(1);
        array.Add(new XmlRpcStruct().Add("self", array));

        var exception = Assert.Throws<XmlRpcFormatException>(() => Codec.Response(array));

        Assert.Equal(XmlRpcFormatError.InvalidValue, exception.Error);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(15, 0)]
    [InlineData(16, 0)]
    [InlineData(17, 0)]
    [InlineData(40, 0)]
    [InlineData(40, 20)]
    [InlineData(40, 39)]
    public void A_cycle_is_refused_at_any_depth(int depth, int backTo)
    {
        // depth nested arrays; the innermost also holds the array at level backTo (0 = the root).
        var levels = new List<XmlRpcArray> { new XmlRpcArray().Add(0) };
        for (var i = 1; i < depth; i++)
        {
            var inner = new XmlRpcArray().Add(i);
            levels[^1].Add(inner);
            levels.Add(inner);
        }

        levels[^1].Add(levels[backTo]);

        var exception = Assert.Throws<XmlRpcFormatException>(() => Codec.Response(levels[0]));

        Assert.Equal(XmlRpcFormatError.InvalidValue, exception.Error);
    }

    [Fact]
    public void Deep_nesting_and_a_shared_value_below_and_above_the_set_threshold_are_not_cycles()
    {
        var shared = new XmlRpcStruct().Add("x", 1);
        XmlRpcValue value = new XmlRpcArray().Add(shared).Add(shared);
        for (var i = 0; i < 100; i++)
        {
            value = new XmlRpcArray().Add(value).Add(shared);
        }

        var document = Codec.Text(Codec.Response(value));

        Assert.Equal(102, document.Split("<name>x</name>").Length - 1);
    }

    [Fact]
    public void The_same_value_twice_is_not_a_cycle()
    {
        var shared = new XmlRpcArray().Add(1);

        var document = Codec.Text(Codec.Response(new XmlRpcArray().Add(shared).Add(shared)));

        Assert.Equal(2, document.Split("<int>1</int>").Length - 1);
    }

    [Fact]
    public void Integers_beyond_32_bits_are_written_as_i8()
    {
        Assert.Contains("<value><int>2147483647</int></value>", Codec.Text(Codec.Response(int.MaxValue)));
        Assert.Contains("<value><i8>2147483648</i8></value>", Codec.Text(Codec.Response((long)int.MaxValue + 1)));
        Assert.Contains("<value><i8>-9223372036854775808</i8></value>", Codec.Text(Codec.Response(long.MinValue)));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e100, "1e+100")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(123e-310, "1.23e-308")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Doubles_are_formatted_as_Python_repr(double value, string expected) =>
        Assert.Equal(expected, PythonFloatFormatter.Format(value));

    [Fact]
    public void A_large_string_is_written_in_chunks_without_splitting_surrogate_pairs()
    {
        var text = string.Concat(Enumerable.Repeat("a😀", 10_000)) + "&";

        var document = Codec.Text(Codec.Response(text));

        Assert.Contains("<value><string>" + text[..^1] + "&amp;</string></value>", document);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void A_buffer_writer_without_arrays_gets_the_same_bytes(int blockSize)
    {
        // Blocks that are not arrays (native memory, a MemoryManager), and blocks smaller than what is written at once.
        var value = new XmlRpcStruct()
            .Add("text", new string('x', 10_000) + "<&>\r\u00e9\U0001F600")
            .Add("when", new XmlRpcDateTime(new DateTime(1998, 7, 17, 14, 8, 55)))
            .Add("data", new XmlRpcBase64(new byte[300]))
            .Add("list", new XmlRpcArray().Add(1).Add(2.5).Add(true));
        var expected = new ArrayBufferWriter<byte>();
        XmlRpcSerializer.WriteMethodResponse(expected, XmlRpcMethodResponse.Success(value));

        var blocks = new ManagerBufferWriter(blockSize);
        XmlRpcSerializer.WriteMethodResponse(blocks, XmlRpcMethodResponse.Success(value));

        Assert.Equal(expected.WrittenSpan.ToArray(), blocks.Written.ToArray());
    }

    /// <summary>Hands out memory through a <see cref="MemoryManager{T}"/>, so that <c>TryGetArray</c> fails, at least <c>blockSize</c> at a time.</summary>
    private sealed class ManagerBufferWriter(int blockSize) : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private Manager? _current;

        public IReadOnlyList<byte> Written => _written;

        public void Advance(int count)
        {
            _written.AddRange(_current!.GetSpan()[..count].ToArray());
            _current = null;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            _current = new Manager(new byte[Math.Max(sizeHint, blockSize)]);
            return _current.Memory;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        private sealed class Manager(byte[] bytes) : MemoryManager<byte>
        {
            public override Span<byte> GetSpan() => bytes;

            public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

            public override void Unpin()
            {
            }

            protected override void Dispose(bool disposing)
            {
            }
        }
    }
}
