namespace Restarter.XmlRpc.Tests;

public class ValueModelTests
{
    [Fact]
    public void Struct_keeps_wire_order_and_replaces_repeated_names_in_place()
    {
        var s = new XmlRpcStruct().Add("success", false).Add("message", "a").Add("success", true);

        Assert.Equal(["success", "message"], s.Select(m => m.Key));
        Assert.Equal(XmlRpcBoolean.True, s["success"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Struct_finds_and_replaces_members_below_and_above_the_index_threshold(int count)
    {
        var s = new XmlRpcStruct();
        for (var i = 0; i < count; i++)
        {
            s.Add($"m{i}", i);
        }

        s.Add("m0", "first again").Add($"m{count - 1}", "last again");

        Assert.Equal(count, s.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"m{i}"), s.Select(m => m.Key));
        Assert.Equal(new XmlRpcString("first again"), s["m0"]);
        Assert.Equal(new XmlRpcString("last again"), s[$"m{count - 1}"]);
        Assert.True(s.ContainsKey($"m{count / 2}"));
        Assert.False(s.ContainsKey("M0"));
        Assert.False(s.TryGetValue($"m{count}", out _));
        Assert.Throws<KeyNotFoundException>(() => s["missing"]);
    }

    [Fact]
    public void Equality_is_structural_and_order_sensitive()
    {
        var a = new XmlRpcStruct().Add("x", 1).Add("y", new XmlRpcArray().Add("s").Add(2.5));
        var b = new XmlRpcStruct().Add("x", 1).Add("y", new XmlRpcArray().Add("s").Add(2.5));
        var reordered = new XmlRpcStruct().Add("y", new XmlRpcArray().Add("s").Add(2.5)).Add("x", 1);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual<XmlRpcValue>(a, reordered);
    }

    [Fact]
    public void Doubles_compare_bitwise_so_negative_zero_survives()
    {
        Assert.NotEqual<XmlRpcValue>(new XmlRpcDouble(0.0), new XmlRpcDouble(-0.0));
        Assert.Equal<XmlRpcValue>(new XmlRpcDouble(double.NaN), new XmlRpcDouble(double.NaN));
    }
}
