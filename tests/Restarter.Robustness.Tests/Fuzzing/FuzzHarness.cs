using System.Buffers;
using Restarter.XmlRpc;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>
/// Runs one request body through what the endpoint does with it (read, dispatch or fault, write) and checks the
/// invariants: only <see cref="XmlRpcFormatException"/> escapes the reader, the dispatcher never throws, the answer
/// reads back as a valid response or fault, the stand-in systemd saw exactly the restarts the call truly asks for, and
/// the reader's UTF-8 fast path read the body exactly as the XmlReader path does (same values, same error and wording).
/// </summary>
public sealed class FuzzHarness
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(5);

    private readonly XmlRpcReaderOptions _readerOptions = new();
    private readonly XmlRpcReaderOptions _referenceOptions = new() { ReadPath = XmlRpcReadPath.XmlReaderOnly };
    private readonly XmlRpcDispatcher[] _dispatchers =
    [
        new(RecordingRestartService.XmlRpcDescriptor, new XmlRpcDispatcherOptions { FaultStyle = XmlRpcFaultStyle.Python }),
        new(RecordingRestartService.XmlRpcDescriptor, new XmlRpcDispatcherOptions { FaultStyle = XmlRpcFaultStyle.Specification }),
    ];

    /// <summary>Returns null when every invariant held, else what went wrong.</summary>
    public async Task<FuzzOutcome> RunAsync(byte[] body, int caseNumber)
    {
        var recorder = new RestartRecorder();
        var dispatcher = _dispatchers[caseNumber % _dispatchers.Length];
        XmlRpcMethodCall? call = null;
        XmlRpcMethodResponse response;
        try
        {
            call = await XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(body, writable: false), _readerOptions).AsTask().WaitAsync(CaseTimeout);
            response = await dispatcher.DispatchAsync(call, new RecordingServices(recorder)).AsTask().WaitAsync(CaseTimeout);
        }
        catch (XmlRpcFormatException e)
        {
            if (call is not null)
            {
                return FuzzOutcome.Failed($"the dispatcher threw {e.GetType().Name}: {e.Message}");
            }

            response = dispatcher.CreateMalformedRequestFault(ToRequestError(e.Error), e.Message);
        }
        catch (TimeoutException)
        {
            return FuzzOutcome.Failed($"no answer within {CaseTimeout.TotalSeconds} s ({(call is null ? "reading" : "dispatching")})");
        }
        catch (Exception e)
        {
            return FuzzOutcome.Failed($"{(call is null ? "the reader" : "the dispatcher")} threw {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
        }

        // The answer must be writable and read back as a valid response or fault.
        var output = new ArrayBufferWriter<byte>();
        try
        {
            XmlRpcSerializer.WriteMethodResponse(output, response);
            var echoed = await XmlRpcSerializer.ReadMethodResponseAsync(new MemoryStream(output.WrittenSpan.ToArray()), _readerOptions);
            if (echoed.IsFault != response.IsFault)
            {
                return FuzzOutcome.Failed("the answer read back changed from fault to value or back");
            }
        }
        catch (Exception e)
        {
            return FuzzOutcome.Failed($"the answer could not be written or read back: {e.GetType().Name}: {e.Message}");
        }

        var shipped = await ReadOutcomeAsync(body, _readerOptions);
        var reference = await ReadOutcomeAsync(body, _referenceOptions);
        if (shipped != reference)
        {
            return FuzzOutcome.Failed($"the fast path reads the body differently from XmlReader:\n  fast path: {shipped}\n  XmlReader: {reference}");
        }

        var recorded = recorder.Restarts.ToList();
        var expected = call is null || response.IsFault ? [] : RestartOracle.ExpectedRestarts(call);
        if (!recorded.SequenceEqual(expected))
        {
            return FuzzOutcome.Failed(
                $"restarts recorded [{string.Join(", ", recorded)}] but the request asks for [{string.Join(", ", expected)}] (method '{call?.MethodName}', fault: {response.IsFault})");
        }

        // The client side reads the same bytes as a response: it must fail only with XmlRpcFormatException too.
        try
        {
            await XmlRpcSerializer.ReadMethodResponseAsync(new MemoryStream(body, writable: false), _readerOptions).AsTask().WaitAsync(CaseTimeout);
        }
        catch (XmlRpcFormatException)
        {
        }
        catch (Exception e)
        {
            return FuzzOutcome.Failed($"the response reader threw {e.GetType().FullName}: {e.Message}");
        }

        return new FuzzOutcome(null, call is not null, response.IsFault, recorded);
    }

    /// <summary>What reading <paramref name="body"/> as a call gives: the call written back, or the error.</summary>
    private static async Task<string> ReadOutcomeAsync(byte[] body, XmlRpcReaderOptions options)
    {
        XmlRpcMethodCall call;
        try
        {
            call = await XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(body, writable: false), options);
        }
        catch (XmlRpcFormatException e)
        {
            return $"error {e.Error}: {e.Message}";
        }

        var output = new ArrayBufferWriter<byte>();
        try
        {
            XmlRpcSerializer.WriteMethodCall(output, call);
            return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
        }
        catch (XmlRpcFormatException e)
        {
            return $"read, but not writable: {e.Message}";
        }
    }

    // The endpoint maps the reader's errors the same way.
    private static XmlRpcRequestError ToRequestError(XmlRpcFormatError error) => error switch
    {
        XmlRpcFormatError.MalformedXml => XmlRpcRequestError.MalformedXml,
        XmlRpcFormatError.DtdProhibited => XmlRpcRequestError.DtdProhibited,
        XmlRpcFormatError.UnsupportedEncoding => XmlRpcRequestError.UnsupportedEncoding,
        XmlRpcFormatError.LimitExceeded => XmlRpcRequestError.LimitExceeded,
        XmlRpcFormatError.InvalidValue => XmlRpcRequestError.InvalidValue,
        _ => XmlRpcRequestError.InvalidDocument,
    };
}

/// <summary>What one case came to.</summary>
public sealed record FuzzOutcome(string? Violation, bool Parsed, bool Fault, IReadOnlyList<string> Restarts)
{
    public static FuzzOutcome Failed(string what) => new(what, false, false, []);
}
