using Restarter.XmlRpc.Tests.TestServices;

namespace Restarter.XmlRpc.Tests.Mapping;

public class ConverterTests
{
    [Fact]
    public void Scalars_convert_both_ways()
    {
        Assert.Equal(new XmlRpcInteger(5), XmlRpcConverters.Int32.Write(5));
        Assert.Equal(5, XmlRpcConverters.Int32.Read(new XmlRpcInteger(5)));
        Assert.Equal(1L << 40, XmlRpcConverters.Int64.Read(new XmlRpcInteger(1L << 40)));
        Assert.True(XmlRpcConverters.Boolean.Read(XmlRpcBoolean.True));
        Assert.Equal("x", XmlRpcConverters.String.Read(new XmlRpcString("x")));
        Assert.Equal(2.0, XmlRpcConverters.Double.Read(new XmlRpcInteger(2)));
        Assert.Equal([1, 2], XmlRpcConverters.Bytes.Read(new XmlRpcBase64(new byte[] { 1, 2 })));
        var t = new DateTime(1998, 7, 17, 14, 8, 55);
        Assert.Equal(t, XmlRpcConverters.DateTime.Read(new XmlRpcDateTime(t)));
    }

    [Fact]
    public void DateTimeOffset_is_sent_in_utc_and_read_with_offset_zero()
    {
        var local = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var wire = Assert.IsType<XmlRpcDateTime>(XmlRpcConverters.DateTimeOffset.Write(local));
        Assert.Equal(new DateTime(2024, 1, 2, 1, 4, 5), wire.Value);
        Assert.Equal(TimeSpan.Zero, XmlRpcConverters.DateTimeOffset.Read(wire).Offset);
        Assert.Equal(local, XmlRpcConverters.DateTimeOffset.Read(wire));
    }

    [Fact]
    public void Wrong_wire_type_is_a_clear_conversion_error()
    {
        var e = Assert.Throws<XmlRpcConversionException>(() => XmlRpcConverters.Int32.Read(new XmlRpcString("12")));
        Assert.Equal("expected int, got string", e.Message);
        e = Assert.Throws<XmlRpcConversionException>(() => XmlRpcConverters.Int32.Read(new XmlRpcInteger(1L << 33)));
        Assert.Contains("does not fit 32 bits", e.Message);
    }

    [Fact]
    public void Nested_failures_name_the_path()
    {
        var converter = XmlRpcConverters.DictionaryOf(XmlRpcConverters.ListOf(XmlRpcConverters.Int32));
        var value = new XmlRpcStruct().Add("a", new XmlRpcArray().Add(1).Add("two"));
        var e = Assert.Throws<XmlRpcConversionException>(() => converter.Read(value));
        Assert.Equal("struct member 'a': array element 1: expected int, got string", e.Message);
    }

    [Fact]
    public void Nil_maps_to_null_only_for_nullable_types()
    {
        Assert.Null(XmlRpcConverters.NullableOf(XmlRpcConverters.Int32).Read(XmlRpcNil.Instance));
        Assert.Null(XmlRpcConverters.NullableReferenceOf(XmlRpcConverters.String).Read(XmlRpcNil.Instance));
        Assert.Equal(XmlRpcNil.Instance, XmlRpcConverters.NullableReferenceOf(XmlRpcConverters.String).Write(null));
        Assert.Throws<XmlRpcConversionException>(() => XmlRpcConverters.String.Read(XmlRpcNil.Instance));
        Assert.Throws<XmlRpcConversionException>(() => XmlRpcConverters.String.Write(null!));
    }

    [Fact]
    public void Collections_keep_order()
    {
        var list = XmlRpcConverters.ReadOnlyListOf(XmlRpcConverters.String);
        var wire = list.Write(["b", "a"]);
        Assert.Equal(new XmlRpcArray().Add("b").Add("a"), wire);
        Assert.Equal(["b", "a"], list.Read(wire));
        var dictionary = XmlRpcConverters.DictionaryOf(XmlRpcConverters.Int32);
        Assert.Equal(new XmlRpcStruct().Add("z", 1).Add("a", 2), dictionary.Write(new() { ["z"] = 1, ["a"] = 2 }));
    }

    [Fact]
    public void Default_converters_cover_scalars_without_reflection_and_explain_the_rest()
    {
        Assert.Same(XmlRpcConverters.Int32, XmlRpcConverters.GetDefault<int>());
        Assert.Same(XmlRpcConverters.Value, XmlRpcConverters.GetDefault<XmlRpcValue>());
        Assert.Null(XmlRpcConverters.GetDefault<int?>().Read(XmlRpcNil.Instance));
        var e = Assert.Throws<NotSupportedException>(() => XmlRpcConverters.GetDefault<Point>());
        Assert.Contains("[XmlRpcStruct]", e.Message);
    }

    [Fact]
    public void Generated_struct_writes_members_in_declaration_order_like_the_python_dataclass()
    {
        var value = new RestartResult(true, "success").ToXmlRpcValue();
        Assert.Equal(new XmlRpcStruct().Add("success", true).Add("message", "success").Add("Code", XmlRpcNil.Instance), value);
        var converter = XmlRpcConverters.ForStruct<RestartResult>();
        var read = converter.Read(new XmlRpcStruct().Add("message", "m").Add("success", false));
        Assert.Equal(new RestartResult(false, "m"), read);
        Assert.Equal("struct", converter.SignatureName);
    }

    [Fact]
    public void Generated_struct_reports_missing_members()
    {
        var e = Assert.Throws<XmlRpcConversionException>(() => RestartResult.XmlRpcConverter.Read(new XmlRpcStruct().Add("success", true)));
        Assert.Equal("struct member 'message' is missing", e.Message);
        e = Assert.Throws<XmlRpcConversionException>(() => RestartResult.XmlRpcConverter.Read(new XmlRpcArray()));
        Assert.Contains("expected struct", e.Message);
    }
}
