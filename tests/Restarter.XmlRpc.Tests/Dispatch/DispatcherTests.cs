using Restarter.XmlRpc.Tests.TestServices;

namespace Restarter.XmlRpc.Tests.Dispatch;

public class DispatcherTests : DispatcherTestBase
{
    [Fact]
    public async Task Restart_unit_answers_the_seed_struct()
    {
        var d = Create();
        Assert.Equal(new XmlRpcStruct().Add("success", true).Add("message", "success"), await CallAsync(d, "restart_unit", "1234"));
        Assert.Equal(new XmlRpcStruct().Add("success", false).Add("message", "invalid identifier"), await CallAsync(d, "restart_unit", "12345"));
    }

    [Fact]
    public async Task Every_mapped_type_reaches_the_method()
    {
        var d = Create();
        var t = new DateTime(2020, 2, 29, 23, 59, 58);
        var scalars = Assert.IsType<XmlRpcStruct>(await CallAsync(d, "scalars", true, 0.5, t, t, new byte[] { 9 }, 1L << 40));
        Assert.Equal(new XmlRpcStruct().Add("b", true).Add("d", 0.5).Add("t", t).Add("o", t).Add("bytes", new byte[] { 9 }).Add("l", 1L << 40), scalars);
        Assert.Equal("x/nil", (await CallAsync(d, "nullable", "x", XmlRpcNil.Instance)).ToString());
        Assert.Equal(XmlRpcNil.Instance, await CallAsync(d, "nullable", XmlRpcNil.Instance, XmlRpcNil.Instance));
        Assert.Equal(new XmlRpcInteger(10), await CallAsync(d, "sum", new XmlRpcArray().Add(1).Add(2), new XmlRpcArray().Add(3).Add(4)));
        Assert.Equal(new XmlRpcString("base64"), await CallAsync(d, "kind", new XmlRpcBase64(new byte[] { 1 })));
        Assert.Equal(new XmlRpcInteger(42), await CallAsync(d, "StaticMethod"));
        Assert.Equal(new XmlRpcString("vt"), await CallAsync(d, "valuetask"));
        Assert.Equal(new XmlRpcInteger(14), await CallAsync(d, "async.value", 7));
    }

    [Fact]
    public async Task Classes_and_records_round_trip_as_structs_with_renamed_members_and_defaults()
    {
        var d = Create();
        var envelope = new XmlRpcStruct()
            .Add("kind", "k")
            .Add("Points", new XmlRpcArray().Add(new XmlRpcStruct().Add("X", 1).Add("Y", 2)))
            .Add("Counts", new XmlRpcStruct().Add("a", 1));
        var back = Assert.IsType<XmlRpcStruct>(await CallAsync(d, "envelope", envelope));
        Assert.Equal(["kind", "Points", "Counts", "Note", "When"], back.Select(m => m.Key));
        Assert.Equal(new XmlRpcString("k"), back["kind"]);
        Assert.Equal(XmlRpcNil.Instance, back["Note"]);

        var tree = new XmlRpcStruct().Add("Name", "root").Add("Children", new XmlRpcArray()
            .Add(new XmlRpcStruct().Add("Name", "a").Add("Children", new XmlRpcArray()))
            .Add(new XmlRpcStruct().Add("Name", "b").Add("Children", new XmlRpcArray())));
        Assert.Equal(new XmlRpcInteger(3), await CallAsync(d, "tree.size", tree));

        var points = await CallAsync(d, "points", new XmlRpcStruct().Add("p", new XmlRpcStruct().Add("Y", 2).Add("X", 1)));
        Assert.Equal(new XmlRpcArray().Add(new XmlRpcStruct().Add("X", 1).Add("Y", 2)), points);
        Assert.Equal(new XmlRpcStruct().Add("success", true).Add("message", "m").Add("Code", 7), await CallAsync(d, "typed", "m"));
    }

    [Fact]
    public async Task Optional_parameters_may_be_left_out()
    {
        var d = Create();
        Assert.Equal(new XmlRpcInteger(30), await CallAsync(d, "opt", 3));
        Assert.Equal(new XmlRpcInteger(6), await CallAsync(d, "opt", 3, 2));
    }

    [Fact]
    public async Task The_service_is_resolved_per_call_and_void_methods_answer_nil()
    {
        var d = Create();
        Assert.Equal(XmlRpcNil.Instance, await CallAsync(d, "record", "one"));
        Assert.Equal(XmlRpcNil.Instance, await CallAsync(d, "record", "two"));
        Assert.Equal(["one", "two"], Services.Log.Entries);
        Assert.Equal(2, Services.Resolutions);
    }

    [Theory]
    [InlineData(XmlRpcFaultStyle.Python, 1, "<class 'TypeError'>:Service.two() argument 'b': expected int, got string")]
    [InlineData(XmlRpcFaultStyle.Specification, -32602, "invalid params: two: argument 'b': expected int, got string")]
    public async Task A_parameter_of_the_wrong_type_is_an_invalid_params_fault(XmlRpcFaultStyle style, int code, string text)
    {
        var fault = await FaultAsync(Create(style), "two", 1, "2");
        Assert.Equal(new XmlRpcFault(code, text), fault);
    }

    [Theory]
    [InlineData(XmlRpcFaultStyle.Python, 1, "<class 'Exception'>:method \"no.such\" is not supported")]
    [InlineData(XmlRpcFaultStyle.Specification, -32601, "requested method \"no.such\" not found")]
    public async Task An_unknown_method_is_a_fault(XmlRpcFaultStyle style, int code, string text) =>
        Assert.Equal(new XmlRpcFault(code, text), await FaultAsync(Create(style), "no.such"));

    [Fact]
    public async Task Specification_style_reports_arity_with_its_code()
    {
        var fault = await FaultAsync(Create(XmlRpcFaultStyle.Specification), "restart_unit");
        Assert.Equal(new XmlRpcFault(-32602, "invalid params: restart_unit takes 1 parameter(s), 0 given"), fault);
    }

    [Theory]
    [InlineData(XmlRpcFaultStyle.Python, 1, "<class 'Exception'>:boom")]
    [InlineData(XmlRpcFaultStyle.Specification, -32500, "boom")]
    public async Task A_method_exception_becomes_its_message_without_a_stack_trace(XmlRpcFaultStyle style, int code, string text)
    {
        var fault = await FaultAsync(Create(style), "fail", "boom");
        Assert.Equal(new XmlRpcFault(code, text), fault);
        Assert.DoesNotContain(" at ", fault.Message, StringComparison.Ordinal);
        Assert.Equal("<class 'ValueError'>:bad value", (await FaultAsync(Create(), "fail.argument")).Message);
    }

    [Theory]
    [InlineData(XmlRpcFaultStyle.Python)]
    [InlineData(XmlRpcFaultStyle.Specification)]
    public async Task A_method_chooses_its_fault_with_XmlRpcFaultException(XmlRpcFaultStyle style) =>
        Assert.Equal(new XmlRpcFault(4, "Too many parameters."), await FaultAsync(Create(style), "fault", 4, "Too many parameters."));

    [Fact]
    public async Task A_result_that_cannot_be_sent_is_an_internal_error()
    {
        Assert.Equal(-32603, (await FaultAsync(Create(XmlRpcFaultStyle.Specification), "broken.result")).Code);
        Assert.StartsWith("<class 'TypeError'>:cannot marshal", (await FaultAsync(Create(), "broken.result")).Message);
    }

    [Fact]
    public async Task Cancellation_of_the_request_propagates()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Create().DispatchAsync(new XmlRpcMethodCall("wait", []), Services, cts.Token));
    }

    [Fact]
    public async Task A_missing_service_registration_says_what_to_do()
    {
        var response = await Create(XmlRpcFaultStyle.Specification).DispatchAsync(new XmlRpcMethodCall("ping", []), new EmptyProvider());
        Assert.True(response.IsFault);
        Assert.Contains("AddScoped<SampleService>()", response.Fault.Message);
    }

    private sealed class EmptyProvider : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
