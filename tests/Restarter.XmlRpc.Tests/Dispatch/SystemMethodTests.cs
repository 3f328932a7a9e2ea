namespace Restarter.XmlRpc.Tests.Dispatch;

public class SystemMethodTests : DispatcherTestBase
{
    [Fact]
    public async Task ListMethods_is_sorted_and_includes_system_methods()
    {
        var names = Assert.IsType<XmlRpcArray>(await CallAsync(Create(), "system.listMethods")).Select(v => v.ToString()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("restart_unit", names);
        Assert.Contains("system.multicall", names);
        Assert.Contains("system.methodSignature", names);
    }

    [Fact]
    public async Task MethodHelp_comes_from_the_attribute_or_the_doc_summary()
    {
        var d = Create();
        Assert.Equal(new XmlRpcString("Restarts a unit (stand-in): four ASCII digits."), await CallAsync(d, "system.methodHelp", "restart_unit"));
        Assert.Equal(new XmlRpcString("Echoes scalars as a struct."), await CallAsync(d, "system.methodHelp", "scalars"));
        Assert.Equal(new XmlRpcString(""), await CallAsync(d, "system.methodHelp", "no.such"));
        Assert.Equal(-32601, (await FaultAsync(Create(XmlRpcFaultStyle.Specification), "system.methodHelp", "no.such")).Code);
    }

    [Fact]
    public async Task MethodSignature_lists_result_then_parameter_types()
    {
        var d = Create();
        Assert.Equal(new XmlRpcArray().Add(new XmlRpcArray().Add("struct").Add("string")), await CallAsync(d, "system.methodSignature", "restart_unit"));
        Assert.Equal(
            new XmlRpcArray().Add(new XmlRpcArray().Add("struct").Add("boolean").Add("double").Add("dateTime.iso8601").Add("dateTime.iso8601").Add("base64").Add("i8")),
            await CallAsync(d, "system.methodSignature", "scalars"));
        Assert.Equal(new XmlRpcArray().Add(new XmlRpcArray().Add("nil").Add("string")), await CallAsync(d, "system.methodSignature", "record"));
    }

    [Fact]
    public async Task Multicall_answers_each_entry_in_order_with_a_value_or_a_fault()
    {
        var calls = new XmlRpcArray()
            .Add(Entry("two", 1, 2))
            .Add(Entry("no.such"))
            .Add(Entry("restart_unit"))
            .Add(Entry("system.multicall", new XmlRpcArray()))
            .Add(new XmlRpcInteger(5))
            .Add(new XmlRpcStruct().Add("params", new XmlRpcArray()))
            .Add(Entry("fault", 3, "three"));
        var results = Assert.IsType<XmlRpcArray>(await CallAsync(Create(), "system.multicall", calls));
        Assert.Equal(7, results.Count);
        Assert.Equal(new XmlRpcArray().Add(3), results[0]);
        Assert.Equal(new XmlRpcFault(1, "<class 'Exception'>:method \"no.such\" is not supported").ToStruct(), results[1]);
        Assert.Equal(new XmlRpcFault(1, "<class 'TypeError'>:Service.restart_unit() missing 1 required positional argument: 'identifier'").ToStruct(), results[2]);
        Assert.Equal(new XmlRpcFault(1, "<class 'Exception'>:system.multicall may not be nested").ToStruct(), results[3]);
        Assert.Equal(new XmlRpcFault(1, "<class 'TypeError'>:'int' object is not subscriptable").ToStruct(), results[4]);
        Assert.Equal(new XmlRpcFault(1, "<class 'KeyError'>:'methodName'").ToStruct(), results[5]);
        Assert.Equal(new XmlRpcFault(3, "three").ToStruct(), results[6]);
    }

    [Fact]
    public async Task Multicall_in_specification_style_uses_the_codes()
    {
        var calls = new XmlRpcArray().Add(Entry("no.such")).Add(Entry("system.multicall", new XmlRpcArray()));
        var results = Assert.IsType<XmlRpcArray>(await CallAsync(Create(XmlRpcFaultStyle.Specification), "system.multicall", calls));
        Assert.Equal(-32601, ((XmlRpcInteger)((XmlRpcStruct)results[0])["faultCode"]).Value);
        Assert.Equal(-32600, ((XmlRpcInteger)((XmlRpcStruct)results[1])["faultCode"]).Value);
    }

    [Fact]
    public async Task Multicall_over_the_cap_runs_nothing()
    {
        var d = Create(configure: o => o.MaxMulticallEntries = 2);
        var calls = new XmlRpcArray().Add(Entry("record", "a")).Add(Entry("record", "b")).Add(Entry("record", "c"));
        var fault = await FaultAsync(d, "system.multicall", calls);
        Assert.Equal("<class 'ValueError'>:system.multicall accepts at most 2 calls, got 3", fault.Message);
        Assert.Empty(Services.Log.Entries);
    }

    [Fact]
    public async Task System_methods_can_be_switched_off()
    {
        var d = Create(configure: o =>
        {
            o.EnableIntrospection = false;
            o.EnableMulticall = false;
        });
        Assert.Equal("<class 'Exception'>:method \"system.listMethods\" is not supported", (await FaultAsync(d, "system.listMethods")).Message);
        Assert.Equal("<class 'Exception'>:method \"system.multicall\" is not supported", (await FaultAsync(d, "system.multicall", new XmlRpcArray())).Message);
        Assert.DoesNotContain("system.listMethods", d.MethodNames);
    }

    [Fact]
    public async Task System_methods_check_their_arity_like_python()
    {
        var fault = await FaultAsync(Create(), "system.multicall");
        Assert.Equal("<class 'TypeError'>:SimpleXMLRPCDispatcher.system_multicall() missing 1 required positional argument: 'call_list'", fault.Message);
    }

    private static XmlRpcStruct Entry(string name, params XmlRpcValue[] parameters) =>
        new XmlRpcStruct().Add("methodName", name).Add("params", new XmlRpcArray(parameters));
}
