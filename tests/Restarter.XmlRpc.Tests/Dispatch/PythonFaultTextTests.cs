using System.Diagnostics;
using System.Text.Json;

namespace Restarter.XmlRpc.Tests.Dispatch;

/// <summary>
/// Runs the real CPython <c>SimpleXMLRPCServer</c> (with <c>register_instance(Service())</c>, the legacy server's
/// setup) over loopback and checks that our Python-style faults carry exactly its texts.
/// </summary>
public class PythonFaultTextTests : DispatcherTestBase
{
    private const string Script = """
        import json, sys, threading, xmlrpc.client, xmlrpc.server
        class Service:
            def restart_unit(self, identifier): return {'success': True, 'message': 'success'}
            def ping(self): return 'pong'
            def two(self, a, b): return a + b
            def three(self, a, b, c): return a + b + c
            def opt(self, a, b=10): return a * b
        server = xmlrpc.server.SimpleXMLRPCServer(('127.0.0.1', 0), logRequests=False)
        server.register_instance(Service())
        server.register_multicall_functions()
        server.register_introspection_functions()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        proxy = xmlrpc.client.ServerProxy('http://127.0.0.1:%d' % server.server_address[1])
        out = []
        for name, args in json.load(sys.stdin):
            try:
                out.append(['ok', repr(getattr(proxy, name)(*args))])
            except xmlrpc.client.Fault as f:
                out.append([f.faultCode, f.faultString])
        print(json.dumps(out))
        server.shutdown()
        """;

    private static readonly (string Method, object[] Args)[] Calls =
    [
        ("no.such", []),
        ("restart_unit", []),
        ("restart_unit", [1, 2]),
        ("restart_unit", [1, 2, 3]),
        ("ping", [1]),
        ("ping", [1, 2]),
        ("two", []),
        ("two", [1]),
        ("two", [1, 2, 3]),
        ("three", []),
        ("three", [1]),
        ("opt", []),
        ("opt", [1, 2, 3]),
        ("system.multicall", []),
        ("system.methodHelp", []),
        ("system.methodSignature", ["a", "b"]),
        ("system.listMethods", [1]),
    ];

    [Fact]
    public async Task Python_style_faults_equal_the_texts_of_a_real_SimpleXMLRPCServer()
    {
        var python = await RunPythonAsync(JsonSerializer.Serialize(Calls.Select(c => new object[] { c.Method, c.Args })));
        var dispatcher = Create();
        for (var i = 0; i < Calls.Length; i++)
        {
            var (method, args) = Calls[i];
            var expected = python[i];
            Assert.Equal(1, expected[0].GetInt32());
            var response = await dispatcher.DispatchAsync(new XmlRpcMethodCall(method, [.. args.Select(ToValue)]), Services);
            Assert.True(response.IsFault, $"{method}: expected a fault");
            Assert.Equal(new XmlRpcFault(1, expected[1].GetString()!), response.Fault);
        }
    }

    /// <remarks>
    /// CPython answers well-formed entries one by one but lets a malformed entry (not a struct, no methodName) fail the
    /// whole multicall; we answer that entry alone, with the same text, so the other entries still run.
    /// </remarks>
    [Fact]
    public async Task Python_style_multicall_entry_faults_equal_those_of_a_real_SimpleXMLRPCServer()
    {
        const string Calls = """
            [["system.multicall", [[{"methodName": "no.such", "params": []}, {"methodName": "restart_unit", "params": []}, {"methodName": "two", "params": [1, 2]}]]],
             ["system.multicall", [[5]]],
             ["system.multicall", [[{"params": []}]]]]
            """;
        var python = await RunPythonAsync(Calls);
        Assert.Equal("ok", python[0][0].GetString());
        var expected = "[{'faultCode': 1, 'faultString': '<class \\'Exception\\'>:method \"no.such\" is not supported'}, "
            + "{'faultCode': 1, 'faultString': \"<class 'TypeError'>:Service.restart_unit() missing 1 required positional argument: 'identifier'\"}, [3]]";
        Assert.Equal(expected, python[0][1].GetString());

        var ours = Assert.IsType<XmlRpcArray>(await CallAsync(Create(), "system.multicall", new XmlRpcArray()
            .Add(new XmlRpcStruct().Add("methodName", "no.such").Add("params", new XmlRpcArray()))
            .Add(new XmlRpcStruct().Add("methodName", "restart_unit").Add("params", new XmlRpcArray()))
            .Add(new XmlRpcStruct().Add("methodName", "two").Add("params", new XmlRpcArray().Add(1).Add(2)))
            .Add(5)
            .Add(new XmlRpcStruct().Add("params", new XmlRpcArray()))));
        Assert.Equal(new XmlRpcFault(1, "<class 'Exception'>:method \"no.such\" is not supported").ToStruct(), ours[0]);
        Assert.Equal(new XmlRpcFault(1, "<class 'TypeError'>:Service.restart_unit() missing 1 required positional argument: 'identifier'").ToStruct(), ours[1]);
        Assert.Equal(new XmlRpcArray().Add(3), ours[2]);
        Assert.Equal(new XmlRpcFault(python[1][0].GetInt32(), python[1][1].GetString()!).ToStruct(), ours[3]);
        Assert.Equal(new XmlRpcFault(python[2][0].GetInt32(), python[2][1].GetString()!).ToStruct(), ours[4]);
    }

    private static XmlRpcValue ToValue(object value) => value switch
    {
        int i => i,
        string s => s,
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static async Task<JsonElement[][]> RunPythonAsync(string callsJson)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(callsJson);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, error);
        return JsonSerializer.Deserialize<JsonElement[][]>(output)!;
    }
}
