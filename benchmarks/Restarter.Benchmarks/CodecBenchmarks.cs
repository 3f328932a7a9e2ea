using System.Buffers;
using BenchmarkDotNet.Attributes;
using Restarter.XmlRpc;

namespace Restarter.Benchmarks;

/// <summary>
/// One XML-RPC call through the codec as the endpoint runs it: read the body, dispatch, write the answer. The parts
/// are measured alone too, so the allocations of a call can be attributed. The bodies are byte-for-byte what Python's
/// xmlrpc.client sends; the setup checks that our answer is byte-for-byte what Python's server writes.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly XmlRpcReaderOptions _readerOptions = new();
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private XmlRpcDispatcher _dispatcher = null!;
    private IServiceProvider _services = null!;
    private XmlRpcMethodCall _call = null!;
    private XmlRpcMethodResponse _response = null!;

    [ParamsSource(nameof(Payloads))]
    public Payload Payload { get; set; } = null!;

    public static IEnumerable<Payload> Payloads() => [Payload.Load("restart_unit"), Payload.Load("echo36k")];

    [GlobalSetup]
    public void Setup()
    {
        _dispatcher = new XmlRpcDispatcher(BenchmarkService.XmlRpcDescriptor);
        _services = new SingleServiceProvider(new BenchmarkService());
        _call = ReadAsync().AsTask().GetAwaiter().GetResult();
        _response = DispatchAsync().AsTask().GetAwaiter().GetResult();
        ParseDispatchWriteAsync().AsTask().GetAwaiter().GetResult();
        if (!_output.WrittenSpan.SequenceEqual(Payload.Response))
        {
            throw new InvalidOperationException($"{Payload}: the answer differs from Python's ({_output.WrittenCount} bytes, Python's {Payload.Response.Length}).");
        }
    }

    [Benchmark(Baseline = true, Description = "parse+dispatch+write")]
    public async ValueTask<int> ParseDispatchWriteAsync()
    {
        var call = await XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(Payload.Request, writable: false), _readerOptions).ConfigureAwait(false);
        var response = await _dispatcher.DispatchAsync(call, _services).ConfigureAwait(false);
        _output.ResetWrittenCount();
        XmlRpcSerializer.WriteMethodResponse(_output, response);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "parse")]
    public ValueTask<XmlRpcMethodCall> ReadAsync() =>
        XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(Payload.Request, writable: false), _readerOptions);

    [Benchmark(Description = "dispatch")]
    public ValueTask<XmlRpcMethodResponse> DispatchAsync() => _dispatcher.DispatchAsync(_call, _services);

    [Benchmark(Description = "write")]
    public int Write()
    {
        _output.ResetWrittenCount();
        XmlRpcSerializer.WriteMethodResponse(_output, _response);
        return _output.WrittenCount;
    }
}
