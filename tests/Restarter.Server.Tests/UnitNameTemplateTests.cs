using Restarter.Server.Restarting;

namespace Restarter.Server.Tests;

public class UnitNameTemplateTests
{
    [Fact]
    public void The_default_template_gives_the_legacy_unit_name()
    {
        var template = new UnitNameTemplate(new RestarterOptions().UnitTemplate);
        Assert.Equal("example@1234.service", template.UnitFor("1234"));
        Assert.Equal("example@*.service", template.Pattern);
    }

    [Theory]
    [InlineData("example@1234.service", "1234")]
    [InlineData("example@0001.service", "0001")]
    public void Instances_give_back_their_identifier(string unit, string expected)
    {
        Assert.True(new UnitNameTemplate("example@{id}.service").TryGetIdentifier(unit, out var identifier));
        Assert.Equal(expected, identifier);
    }

    [Theory]
    [InlineData("example@123.service")]
    [InlineData("example@12345.service")]
    [InlineData("example@abcd.service")]
    [InlineData("other@1234.service")]
    [InlineData("example@1234.socket")]
    [InlineData("example@.service")]
    public void Other_units_are_not_instances(string unit) =>
        Assert.False(new UnitNameTemplate("example@{id}.service").TryGetIdentifier(unit, out _));

    [Fact]
    public void A_custom_template_is_honoured()
    {
        var template = new UnitNameTemplate("worker-{id}.service");
        Assert.Equal("worker-0042.service", template.UnitFor("0042"));
        Assert.Equal("worker-*.service", template.Pattern);
        Assert.True(template.TryGetIdentifier("worker-0042.service", out var identifier));
        Assert.Equal("0042", identifier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.service")]
    [InlineData("example@{id}-{id}.service")]
    [InlineData("example@*{id}.service")]
    public void Malformed_templates_are_refused_with_a_message_naming_the_setting(string template)
    {
        Assert.False(UnitNameTemplate.IsWellFormed(template, out var error));
        Assert.Contains("Restarter:UnitTemplate", error);
        Assert.Throws<ArgumentException>(() => new UnitNameTemplate(template));
    }
}
