using ClientProbe;
using Restarter.XmlRpc;

// Usage: ClientProbe <python|c|node|perl|ruby|php> <url>
// python: the legacy Service on SimpleXMLRPCServer (no bus: a valid id answers {false, <D-Bus error>});
// the others: interop/servers' echo, stand-in restart_unit and fault() on that stack's own server.
string[] stacks = ["python", "c", "node", "perl", "ruby", "php"];
if (args.Length != 2 || !stacks.Contains(args[0]) || !Uri.TryCreate(args[1], UriKind.Absolute, out var url))
{
    await Console.Error.WriteLineAsync($"usage: ClientProbe <{string.Join('|', stacks)}> <url>");
    return 2;
}

var stack = args[0];
var profile = StackProfile.For(stack);
var report = new Report(stack, Console.Out);
using var http = new HttpClient();
var client = new XmlRpcClient(http, url, new XmlRpcClientOptions { Timeout = TimeSpan.FromSeconds(30) });
var invalid = new RestartResult(false, "invalid identifier");
var restarted = new RestartResult(true, "success");

async Task<string?> Answer(string method, XmlRpcValue[] args, Func<RestartResult, string?> judge) =>
    judge(await client.InvokeAsync(XmlRpcConverters.ForStruct<RestartResult>(), method, args));

string? Is(RestartResult want, RestartResult got) => want == got ? null : $"expected {want}, got {got}";

// Without a bus the legacy server answers with python-dbus's text of the failure.
string? DBusFailure(RestartResult got) =>
    !got.success && got.message.StartsWith("org.freedesktop.DBus.Error.", StringComparison.Ordinal) ? null : $"expected {{false, <D-Bus error>}}, got {got}";

async Task<string?> Fault(string method, XmlRpcValue[] args, Func<XmlRpcFaultException, string?> judge)
{
    try
    {
        var got = await client.InvokeAsync(method, args);
        return $"expected XmlRpcFaultException, got {got}";
    }
    catch (XmlRpcFaultException e)
    {
        return judge(e);
    }
    catch (XmlRpcFormatException e) when (profile is { FaultCodesMayBeStrings: true } && e.Message.Contains("faultCode", StringComparison.Ordinal))
    {
        return null;
    }
}

var validAnswer = profile is null ? (Func<RestartResult, string?>)DBusFailure : got => Is(restarted, got);
await report.CheckAsync("restart_unit-valid-string", () => Answer("restart_unit", ["1234"], validAnswer));
await report.CheckAsync("restart_unit-valid-int", () => Answer("restart_unit", [1234], validAnswer));
await report.CheckAsync("restart_unit-invalid-string", () => Answer("restart_unit", ["12a4"], got => Is(invalid, got)));
await report.CheckAsync("restart_unit-invalid-int", () => Answer("restart_unit", [12], got => Is(invalid, got)));
await report.CheckAsync("fault-wrong-arity", () => Fault("restart_unit", [], e => string.IsNullOrEmpty(e.FaultString) ? "empty faultString" : null));

if (profile is { UnknownMethodIs404: true })
{
    await report.CheckAsync("unknown-method-404", async () =>
    {
        try
        {
            var got = await client.InvokeAsync("no_such_method", []);
            return $"expected HTTP 404, got {got}";
        }
        catch (XmlRpcTransportException e)
        {
            return e.StatusCode == System.Net.HttpStatusCode.NotFound ? null : $"expected HTTP 404, got {(int)e.StatusCode}";
        }
    });
}
else
{
    await report.CheckAsync("fault-unknown-method", () => Fault("no_such_method", [], e =>
        profile is null && e.FaultString != "<class 'Exception'>:method \"no_such_method\" is not supported"
            ? $"fault {e.FaultCode} '{e.FaultString}' is not SimpleXMLRPCServer's text" : null));
}

if (profile is null)
{
    // SimpleXMLRPCServer speaks HTTP/1.0 and closes the connection after each answer without "Connection: close";
    // SocketsHttpHandler keeps HTTP/1.0 connections in its pool, so a client must not fail when the next call finds
    // its pooled connection closed (Python's own Transport retries such a call once).
    await report.CheckAsync("100-sequential-calls-over-http-1.0", async () =>
    {
        for (var i = 0; i < 100; i++)
        {
            var got = await client.InvokeAsync(XmlRpcConverters.ForStruct<RestartResult>(), "restart_unit", ["12a4"]);
            if (got != invalid)
            {
                return $"call {i + 1}: {got}";
            }
        }

        return null;
    });

    // The legacy server registers no system.* methods: a multicall must fail as a fault, not as a transport error.
    await report.CheckAsync("multicall-unsupported-is-a-fault", async () =>
    {
        try
        {
            var got = await client.MulticallAsync([new XmlRpcMethodCall("restart_unit", ["12a4"])]);
            return $"expected XmlRpcFaultException, got {got.Count} answers";
        }
        catch (XmlRpcFaultException)
        {
            return null;
        }
    });
    return report.Failed == 0 ? 0 : 1;
}

await report.CheckAsync("fault-deliberate", () => Fault("fault", [], e =>
    e.FaultCode == 42 && e.FaultString.StartsWith("deliberate fault from", StringComparison.Ordinal) ? null : $"fault {e.FaultCode} '{e.FaultString}'"));

var sent = profile.Sent;
var expected = EveryType.Map(sent, profile.Echoed);
await report.CheckAsync("echo-every-type", async () => EveryType.Difference(expected, await client.InvokeAsync("echo", [sent])));

if (profile.HasMulticall)
{
    await report.CheckAsync("multicall", async () =>
    {
        var answers = await client.MulticallAsync(
        [
            new XmlRpcMethodCall("echo", [sent]),
            new XmlRpcMethodCall("fault", []),
            new XmlRpcMethodCall("restart_unit", ["12a4"]),
        ]);
        if (answers.Count != 3)
        {
            return $"{answers.Count} answers to 3 calls";
        }

        string? Judge(XmlRpcMethodResponse answer, Func<XmlRpcValue, string?> value, Func<XmlRpcFault, string?> fault) =>
            answer.IsFault ? fault(answer.Fault) : value(answer.Value);

        return Judge(answers[0], v => EveryType.Difference(expected, v), f => $"echo answered {f}")
            ?? Judge(answers[1], v => $"fault() answered {v}", f => f.Code == 42 ? null : $"fault() answered {f}")
            ?? Judge(answers[2], v => EveryType.Difference(invalid.ToXmlRpcValue(), v), f => $"restart_unit answered {f}");
    });
}

await report.NoteAsync(profile.Note);
return report.Failed == 0 ? 0 : 1;
