namespace Restarter.XmlRpc.Tests.TestServices;

/// <summary>Exercises every mapping the generator supports.</summary>
[XmlRpcService(PythonClassName = "Service")]
public sealed partial class SampleService(CallLog log)
{
    /// <summary>Restarts a unit (stand-in): four ASCII digits.</summary>
    [XmlRpcMethod("restart_unit")]
    public Result RestartUnit(string identifier) =>
        identifier.Length == 4 && identifier.All(char.IsAsciiDigit) ? new(true, "success") : new(false, "invalid identifier");

    [XmlRpcMethod("ping")]
    public string Ping() => "pong";

    [XmlRpcMethod("two")]
    public int Two(int a, int b) => a + b;

    [XmlRpcMethod("three")]
    public long Three(long a, long b, long c) => a + b + c;

    [XmlRpcMethod("opt")]
    public int Optional(int a, int b = 10) => a * b;

    [XmlRpcMethod("echo")]
    public XmlRpcValue Echo(XmlRpcValue x) => x;

    [XmlRpcMethod("kind")]
    public string Kind(XmlRpcValue x) => XmlRpcTypeNames.Of(x.Kind);

    [XmlRpcMethod("scalars", Help = "Echoes scalars as a struct.")]
    public Dictionary<string, XmlRpcValue> Scalars(bool b, double d, DateTime t, DateTimeOffset o, byte[] bytes, long l) =>
        new() { ["b"] = b, ["d"] = d, ["t"] = t, ["o"] = new XmlRpcDateTime(o.UtcDateTime), ["bytes"] = bytes, ["l"] = l };

    [XmlRpcMethod("nullable")]
    public string? Nullable(string? s, int? i) => s is null && i is null ? null : $"{s ?? "nil"}/{i?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nil"}";

    [XmlRpcMethod("sum")]
    public int Sum(int[] values, IReadOnlyList<int> more) => values.Sum() + more.Sum();

    [XmlRpcMethod("envelope")]
    public Envelope Envelope(Envelope e) => e;

    [XmlRpcMethod("tree.size")]
    public int TreeSize(Tree t) => 1 + t.Children.Sum(TreeSize);

    [XmlRpcMethod("points")]
    public List<Point> Points(Dictionary<string, Point> named) => [.. named.Values];

    [XmlRpcMethod("typed")]
    public RestartResult Typed(string message) => new(true, message) { Code = 7 };

    [XmlRpcMethod("async.value")]
    public async Task<int> AsyncValue(int x, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return x * 2;
    }

    [XmlRpcMethod("valuetask")]
    public ValueTask<string> ValueTaskValue() => new("vt");

    [XmlRpcMethod("record")]
    public async Task Record(string entry)
    {
        await Task.Yield();
        log.Entries.Add(entry);
    }

    [XmlRpcMethod("fail")]
    public int Fail(string message) => throw new InvalidOperationException(message);

    [XmlRpcMethod("fail.argument")]
    public int FailArgument() => throw new ArgumentException("bad value");

    [XmlRpcMethod("fault")]
    public int Fault(int code, string text) => throw new XmlRpcFaultException(code, text);

    [XmlRpcMethod("wait")]
    public async Task<int> Wait(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    [XmlRpcMethod]
    public static int StaticMethod() => 42;

    [XmlRpcMethod("broken.result")]
    public string BrokenResult() => null!;
}

/// <summary>A scoped dependency, to prove the service comes from DI per call.</summary>
public sealed class CallLog
{
    public List<string> Entries { get; } = [];
}
