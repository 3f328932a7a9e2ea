using Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;

namespace Restarter.XmlRpc.AspNetCore.Tests;

/// <summary>Python's xmlrpc.client against the conformance host on a real Kestrel.</summary>
public sealed class ConformanceHostTests(ConformanceHostFixture host) : IClassFixture<ConformanceHostFixture>
{
    [Fact]
    public async Task Python_client_checks_pass_on_every_path()
    {
        foreach (var path in new[] { "", "RPC2" })
        {
            var output = await Python.RunAsync("client_checks.py", new Uri(host.App.BaseAddress, path).ToString());
            Assert.EndsWith("ok\n", output, StringComparison.Ordinal);
            Assert.Contains("concurrency", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Python_one_liner_lists_the_methods()
    {
        var output = await Python.RunAsync("list_methods.py", host.App.BaseAddress.ToString());
        Assert.Equal(
            "['echo', 'restart_unit', 'system.listMethods', 'system.methodHelp', 'system.methodSignature', 'system.multicall', " +
            "'validator1.arrayOfStructsTest', 'validator1.countTheEntities', 'validator1.easyStructTest', 'validator1.echoStructTest', " +
            "'validator1.manyTypesTest', 'validator1.moderateSizeArrayCheck', 'validator1.nestedStructTest', 'validator1.simpleStructReturnTest']\n",
            output);
    }

    [Fact]
    public async Task Other_paths_are_404()
    {
        using var response = await host.App.PostAsync("<methodCall><methodName>echo</methodName></methodCall>", "/nope");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
