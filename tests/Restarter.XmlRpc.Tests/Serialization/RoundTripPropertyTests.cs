using FsCheck.Xunit;

namespace Restarter.XmlRpc.Tests.Serialization;

public class RoundTripPropertyTests
{
    [Property(Arbitrary = [typeof(XmlRpcArbitraries)], MaxTest = 250, EndSize = 40)]
    public bool Every_value_survives_a_response_round_trip(XmlRpcValue value)
    {
        var read = Codec.ReadResponseAsync(Codec.Response(value)).GetAwaiter().GetResult();
        return !read.IsFault && read.Value.Equals(value);
    }

    [Property(Arbitrary = [typeof(XmlRpcArbitraries)], MaxTest = 150, EndSize = 30)]
    public bool Every_parameter_list_survives_a_call_round_trip(XmlRpcValue[] parameters, bool dotted)
    {
        var method = dotted ? "system.multicall" : "restart_unit";
        var read = Codec.ReadCallAsync(Codec.Call(method, parameters)).GetAwaiter().GetResult();
        return read.MethodName == method && read.Parameters.SequenceEqual(parameters);
    }

    [Property(Arbitrary = [typeof(XmlRpcArbitraries)], MaxTest = 100)]
    public bool Every_fault_survives_a_round_trip(int code, XmlRpcValue text)
    {
        var message = text is XmlRpcString s ? s.Value : "<class 'Exception'>:not a string";
        var read = Codec.ReadResponseAsync(Codec.Fault(code, message)).GetAwaiter().GetResult();
        return read.IsFault && read.Fault == new XmlRpcFault(code, message);
    }

    public static TheoryData<double> ExtremeDoubles =>
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, -double.Epsilon,
    ];

    [Theory]
    [MemberData(nameof(ExtremeDoubles))]
    public async Task Extreme_doubles_round_trip_bit_for_bit(double value)
    {
        var read = await Codec.ReadResponseAsync(Codec.Response(value));

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(((XmlRpcDouble)read.Value!).Value));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData((long)int.MaxValue + 1)]
    [InlineData(int.MinValue)]
    public async Task Extreme_integers_round_trip(long value)
    {
        var read = await Codec.ReadResponseAsync(Codec.Response(value));

        Assert.Equal(new XmlRpcInteger(value), read.Value);
    }

    // Python writes a raw CR, which every XML parser (expat included) turns into LF, so Python cannot round-trip it.
    // We write CR as &#13; instead: it round-trips here, and Python reads it back as CR too (PythonInteropTests).
    [Fact]
    public async Task Carriage_returns_round_trip_although_Python_loses_them()
    {
        var value = new XmlRpcString("a\rb\r\nc\n");

        var document = Codec.Response(value);
        var read = await Codec.ReadResponseAsync(document);

        Assert.Contains("a&#13;b&#13;\nc\n", Codec.Text(document));
        Assert.Equal(value, read.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nesting_up_to_the_limit_round_trips(bool structs)
    {
        var options = new XmlRpcReaderOptions { MaxDepth = 64 };
        var deepest = Nest(64, structs);

        var read = await Codec.ReadResponseAsync(Codec.Response(deepest), options);

        Assert.Equal(deepest, read.Value);
        var tooDeep = Codec.Response(Nest(65, structs));
        await Codec.AssertFailsAsync(XmlRpcFormatError.LimitExceeded, () => Codec.ReadResponseAsync(tooDeep, options));
    }

    [Fact]
    public async Task Reading_and_writing_use_no_recursion_so_20000_levels_work_when_allowed()
    {
        const int Depth = 20_000;
        var document = Codec.Response(Nest(Depth, structs: false));

        var read = await Codec.ReadResponseAsync(document, new XmlRpcReaderOptions { MaxDepth = Depth, MaxValues = int.MaxValue, MaxDocumentBytes = 0 });

        var levels = 0;
        for (var value = read.Value; value is XmlRpcArray array; value = array.Count == 0 ? null : array[0])
        {
            levels++;
        }

        Assert.Equal(Depth, levels);
    }

    private static XmlRpcValue Nest(int depth, bool structs)
    {
        XmlRpcValue value = structs ? new XmlRpcStruct() : new XmlRpcArray();
        for (var i = 1; i < depth; i++)
        {
            value = structs ? new XmlRpcStruct().Add("m", value) : new XmlRpcArray().Add(value);
        }

        return value;
    }
}
