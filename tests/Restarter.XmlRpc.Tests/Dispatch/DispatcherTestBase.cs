using Restarter.XmlRpc.Tests.TestServices;

namespace Restarter.XmlRpc.Tests.Dispatch;

public abstract class DispatcherTestBase
{
    protected TestServiceProvider Services { get; } = new();

    protected static XmlRpcDispatcher Create(XmlRpcFaultStyle style = XmlRpcFaultStyle.Python, Action<XmlRpcDispatcherOptions>? configure = null)
    {
        var options = new XmlRpcDispatcherOptions { FaultStyle = style };
        configure?.Invoke(options);
        return new XmlRpcDispatcher(SampleService.XmlRpcDescriptor, options);
    }

    protected async Task<XmlRpcValue> CallAsync(XmlRpcDispatcher dispatcher, string method, params XmlRpcValue[] parameters)
    {
        var response = await dispatcher.DispatchAsync(new XmlRpcMethodCall(method, parameters), Services);
        Assert.False(response.IsFault, response.Fault?.ToString());
        return response.Value;
    }

    protected async Task<XmlRpcFault> FaultAsync(XmlRpcDispatcher dispatcher, string method, params XmlRpcValue[] parameters)
    {
        var response = await dispatcher.DispatchAsync(new XmlRpcMethodCall(method, parameters), Services);
        Assert.True(response.IsFault, $"expected a fault, got {response.Value}");
        return response.Fault;
    }
}
