using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Restarter.XmlRpc.AspNetCore.Tests.Infrastructure;
using Restarter.XmlRpc.AspNetCore.Tests.TestServices;

namespace Restarter.XmlRpc.AspNetCore.Tests;

/// <summary>AddXmlRpc, options from configuration, MapXmlRpc overloads and conventions.</summary>
public sealed class RegistrationTests
{
    private const string Hello = "<methodCall><methodName>hello</methodName><params><param><value>you</value></param></params></methodCall>";
    private const string Malformed = "<methodCall>";

    [Fact]
    public async Task MapXmlRpc_without_AddXmlRpc_says_what_to_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapXmlRpc<UnregisteredService>());
        Assert.Contains("AddXmlRpc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_default_to_Python_behaviour()
    {
        var options = new ServiceCollection().AddXmlRpc().BuildServiceProvider().GetRequiredService<IOptions<XmlRpcEndpointOptions>>().Value;
        Assert.Equal(["/", "/RPC2"], options.Paths);
        Assert.Equal(XmlRpcFaultStyle.Python, options.FaultStyle);
        Assert.Equal(1024 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(1400, options.GzipResponseThreshold);
        Assert.True(options.EnableIntrospection);
        Assert.True(options.EnableMulticall);
    }

    [Fact]
    public void Options_bind_from_the_XmlRpc_section_and_configured_paths_replace_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["XmlRpc:Paths:0"] = "/xmlrpc",
            ["XmlRpc:FaultStyle"] = "Specification",
            ["XmlRpc:MaxRequestBodyBytes"] = "2048",
            ["XmlRpc:MaxDecompressedBytes"] = "4096",
            ["XmlRpc:GzipResponseThreshold"] = "100",
            ["XmlRpc:EnableIntrospection"] = "false",
            ["XmlRpc:EnableMulticall"] = "false",
            ["XmlRpc:MaxMulticallEntries"] = "5",
            ["XmlRpc:Reader:MaxDepth"] = "3",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddXmlRpc(o => o.MaxMulticallEntries = 7);
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<XmlRpcEndpointOptions>>().Value;
        Assert.Equal(["/xmlrpc"], options.Paths);
        Assert.Equal(XmlRpcFaultStyle.Specification, options.FaultStyle);
        Assert.Equal(2048, options.MaxRequestBodyBytes);
        Assert.Equal(4096, options.MaxDecompressedBytes);
        Assert.Equal(100, options.GzipResponseThreshold);
        Assert.False(options.EnableIntrospection);
        Assert.False(options.EnableMulticall);
        Assert.Equal(7, options.MaxMulticallEntries);
        Assert.Equal(3, options.Reader.MaxDepth);
    }

    [Fact]
    public void Invalid_options_fail_with_the_setting_named()
    {
        var services = new ServiceCollection().AddXmlRpc(o =>
        {
            o.Paths = ["RPC2"];
            o.MaxRequestBodyBytes = 0;
        });
        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<XmlRpcEndpointOptions>>().Value);
        Assert.Contains("XmlRpc:Paths", error.Message, StringComparison.Ordinal);
        Assert.Contains("XmlRpc:MaxRequestBodyBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_paths_and_fault_style_reach_the_endpoint()
    {
        await using var app = await KestrelApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["XmlRpc:Paths:0"] = "/a",
                    ["XmlRpc:Paths:1"] = "/b/c",
                    ["XmlRpc:FaultStyle"] = "Specification",
                });
                builder.Services.AddSingleton<CallRecorder>();
                builder.Services.AddXmlRpc();
            },
            app => app.MapXmlRpc<UnregisteredService>());
        foreach (var path in new[] { "/a", "/b/c" })
        {
            using var response = await app.PostAsync(Malformed, path);
            Assert.Contains("<value><int>-32700</int></value>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/", "/RPC2" })
        {
            using var response = await app.PostAsync(Hello, path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Code_configuration_wins_over_the_section()
    {
        await using var app = await KestrelApp.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["XmlRpc:FaultStyle"] = "Python" });
                builder.Services.AddSingleton<CallRecorder>();
                builder.Services.AddXmlRpc(o => o.FaultStyle = XmlRpcFaultStyle.Specification);
            },
            app => app.MapXmlRpc<UnregisteredService>("/rpc"));
        using var response = await app.PostAsync(Malformed, "/rpc");
        Assert.Contains("<value><int>-32700</int></value>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_service_is_created_per_call_and_disposed()
    {
        await using var app = await KestrelApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<CallRecorder>();
                builder.Services.AddXmlRpc();
            },
            app => app.MapXmlRpc<UnregisteredService>("/"));
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.PostAsync(Hello);
            Assert.Contains("<string>hello you</string>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var recorder = app.Services.GetRequiredService<CallRecorder>();
        Assert.Equal(3, recorder.Created);
        Assert.Equal(3, recorder.Disposed);
    }

    [Fact]
    public async Task Conventions_apply_to_every_mapped_path()
    {
        await using var app = await KestrelApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<CallRecorder>();
                builder.Services.AddXmlRpc();
                builder.Services.AddAuthorization();
            },
            app => app.MapXmlRpc<UnregisteredService>().RequireAuthorization("admins").WithMetadata("marker"));
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.DisplayName?.StartsWith("XML-RPC", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.All(endpoints, e =>
        {
            Assert.Equal("admins", e.Metadata.GetMetadata<IAuthorizeData>()?.Policy);
            Assert.Contains("marker", e.Metadata.OfType<string>());
        });
    }
}
