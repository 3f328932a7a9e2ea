using System.Text;
using Restarter.Server.Restarting;
using Restarter.XmlRpc;

namespace Restarter.Server.Tests;

public class UnitIdentifierTests
{
    [Theory]
    [InlineData("0000")]
    [InlineData("1234")]
    [InlineData("9999")]
    public void Four_ascii_digits_are_valid(string text) => Assert.True(UnitIdentifier.IsValid(text));

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("1234\n")] // the legacy regex ^[0-9]{4}$ accepted this
    [InlineData("\n1234")]
    [InlineData(" 1234")]
    [InlineData("12a4")]
    [InlineData("-123")]
    [InlineData("\u0661\u0662\u0663\u0664")] // Arabic-Indic digits: \d matches them in .NET
    [InlineData("\u06F1\u06F2\u06F3\u06F4")] // Extended Arabic-Indic
    [InlineData("\uFF11\uFF12\uFF13\uFF14")] // fullwidth
    [InlineData("1234\0")]
    public void Anything_else_is_invalid(string text) => Assert.False(UnitIdentifier.IsValid(text));

    [Fact]
    public void Null_is_invalid() => Assert.False(UnitIdentifier.IsValid(null));

    [Fact]
    public void A_string_is_taken_as_is() => Assert.Equal("1234\n", UnitIdentifier.TextOf(new XmlRpcString("1234\n")));

    [Theory]
    [InlineData(1234L, "1234")]
    [InlineData(12L, "12")]
    [InlineData(-1234L, "-1234")]
    [InlineData(5_000_000_000L, "5000000000")]
    public void An_integer_of_any_width_counts_as_its_decimal_text(long value, string expected) =>
        Assert.Equal(expected, UnitIdentifier.TextOf(new XmlRpcInteger(value)));

    public static TheoryData<XmlRpcValue> OtherTypes => new()
    {
        XmlRpcBoolean.True,
        new XmlRpcDouble(1234),
        new XmlRpcBase64(Encoding.ASCII.GetBytes("1234")), // <base64>MTIzNA==</base64>: the legacy server took it as 1234
        new XmlRpcDateTime(new DateTime(2026, 1, 2, 3, 4, 5)),
        XmlRpcNil.Instance,
        new XmlRpcArray([new XmlRpcString("1234")]),
        new XmlRpcStruct([new("id", new XmlRpcString("1234"))]),
    };

    [Theory]
    [MemberData(nameof(OtherTypes))]
    public void Every_other_type_is_never_an_identifier(XmlRpcValue value) => Assert.Null(UnitIdentifier.TextOf(value));
}
