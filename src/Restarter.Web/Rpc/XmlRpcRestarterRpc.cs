using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Restarter.Web.Rpc.Internal;
using Restarter.XmlRpc;

namespace Restarter.Web.Rpc;

/// <summary>
/// <see cref="IRestarterRpc"/> over XML-RPC. Every call gets its own deadline (<see cref="RestarterWebOptions.RpcTimeout"/>,
/// plus the wait for <c>restart_unit_and_wait</c>), and every way a call can fail becomes one <see cref="RpcCallException"/>.
/// </summary>
internal sealed partial class XmlRpcRestarterRpc : IRestarterRpc
{
    // list_units of a few thousand instances is well below this.
    private const long MaxAnswerBytes = 4 * 1024 * 1024;

    private readonly XmlRpcClient _client;
    private readonly RestarterWebOptions _options;
    private readonly ILogger<XmlRpcRestarterRpc> _logger;

    public XmlRpcRestarterRpc(HttpClient httpClient, RpcServerEndpoint endpoint, IOptions<RestarterWebOptions> options, ILogger<XmlRpcRestarterRpc> logger)
    {
        // Credentials in the URL are the client's to send; those of the systemd credential file go as a default header
        // (the HttpClient is this typed client's own, so its default headers are ours to set).
        if (endpoint.CredentialsFromFile)
        {
            httpClient.DefaultRequestHeaders.Authorization = endpoint.Authorization;
        }

        _client = new XmlRpcClient(httpClient, endpoint.Configured, new XmlRpcClientOptions
        {
            // Each call gets its own deadline in CallAsync, longer for restart_unit_and_wait.
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseBytes = MaxAnswerBytes,
            MaxDecompressedBytes = MaxAnswerBytes,
            Reader = new XmlRpcReaderOptions { MaxDocumentBytes = MaxAnswerBytes },

            // No connection is reused (PooledConnectionLifetime is zero), so a connection that breaks before the answer
            // means the server got the call and died or reset it: sending restart_unit again could restart twice, and
            // the retry's "connection refused" would hide that the first one may have happened.
            RetryClosedConnection = false,
        });
        _options = options.Value;
        _logger = logger;
    }

    public async Task<RestartResult> RestartUnitAsync(string identifier, CancellationToken cancellationToken)
    {
        var value = await CallAsync("restart_unit", [identifier], _options.RpcTimeout, cancellationToken);
        var result = StructReader.From(value, "restart_unit");
        return new RestartResult(result.Boolean("success"), result.String("message"));
    }

    public async Task<RestartOutcome> RestartUnitAndWaitAsync(string identifier, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var value = await CallAsync("restart_unit_and_wait", [identifier, timeoutSeconds], _options.RpcTimeout + TimeSpan.FromSeconds(timeoutSeconds), cancellationToken);
        var result = StructReader.From(value, "restart_unit_and_wait");
        return new RestartOutcome(result.Boolean("success"), result.String("message"), result.OptionalString("job"), result.OptionalString("result"));
    }

    public async Task<UnitState> UnitStateAsync(string identifier, CancellationToken cancellationToken)
    {
        var value = await CallAsync("unit_state", [identifier], _options.RpcTimeout, cancellationToken);
        return ToUnitState(StructReader.From(value, "unit_state"));
    }

    public async Task<IReadOnlyList<UnitState>> ListUnitsAsync(CancellationToken cancellationToken)
    {
        var value = await CallAsync("list_units", [], _options.RpcTimeout, cancellationToken);
        if (value is not XmlRpcArray array)
        {
            throw new RpcCallException(RpcFailure.Malformed, "The RPC server answered list_units with something other than an array.");
        }

        return array.Select(item => ToUnitState(StructReader.From(item, "list_units"))).ToList();
    }

    private static UnitState ToUnitState(StructReader s) => new(
        s.String("identifier"),
        s.OptionalString("unit"),
        s.OptionalString("load_state"),
        s.OptionalString("active_state"),
        s.OptionalString("sub_state"),
        s.OptionalInteger("main_pid"),
        s.OptionalString("since"));

    private async Task<XmlRpcValue> CallAsync(string method, IReadOnlyList<XmlRpcValue> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _client.InvokeAsync(method, args, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(method, timeout.TotalSeconds);
            throw new RpcCallException(RpcFailure.TimedOut, $"The RPC server did not answer {method} within {timeout.TotalSeconds:0.#} s.");
        }
        catch (XmlRpcFaultException e) when (IsMethodNotSupported(e))
        {
            throw new RpcCallException(RpcFailure.MethodNotSupported, $"The RPC server does not support {method}.", e);
        }
        catch (XmlRpcFaultException e)
        {
            LogFault(method, e.FaultCode, e.FaultString);
            throw new RpcCallException(RpcFailure.Fault, $"The RPC server answered {method} with fault {e.FaultCode}: {e.FaultString}", e);
        }
        catch (XmlRpcTransportException e)
        {
            LogRefused(method, (int)e.StatusCode);
            throw new RpcCallException(RpcFailure.Refused, $"The RPC server refused {method}: HTTP {(int)e.StatusCode} {e.StatusCode}.", e);
        }
        catch (HttpRequestException e) when (NeverConnected(e))
        {
            LogUnreachable(method, e.Message);
            var reason = e.InnerException is SocketException socket ? socket.Message : e.Message;
            throw new RpcCallException(RpcFailure.Unreachable, $"The RPC server is unreachable: {reason}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            LogInterrupted(method, e.Message);
            var consequence = method.StartsWith("restart_unit", StringComparison.Ordinal) ? ": the restart may have happened" : string.Empty;
            throw new RpcCallException(RpcFailure.Interrupted, $"The RPC server broke off its answer to {method}{consequence}.", e);
        }
        catch (Exception e) when (e is XmlRpcFormatException or FormatException)
        {
            LogMalformed(method, e.Message);
            throw new RpcCallException(RpcFailure.Malformed, $"The RPC server's answer to {method} is not a usable XML-RPC response.", e);
        }
    }

    /// <summary>Failed while connecting, before a byte of the call was sent.</summary>
    private static bool NeverConnected(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    // Python's SimpleXMLRPCServer: fault 1, 'method "x" is not supported'; servers following the fault-code
    // interoperability spec: -32601.
    private static bool IsMethodNotSupported(XmlRpcFaultException e) =>
        e.FaultCode == XmlRpcFaultCodes.MethodNotFound ||
        (e.FaultCode == XmlRpcFaultCodes.Python && e.FaultString.Contains("is not supported", StringComparison.Ordinal));
}
