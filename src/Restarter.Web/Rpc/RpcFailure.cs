namespace Restarter.Web.Rpc;

/// <summary>Why a call to the restart server did not produce an answer the page can use.</summary>
public enum RpcFailure
{
    /// <summary>No connection: refused, no route, DNS. The call never reached the server.</summary>
    Unreachable,

    /// <summary>No complete answer within the configured time.</summary>
    TimedOut,

    /// <summary>An HTTP status other than 200 (e.g. 401 when credentials are wrong).</summary>
    Refused,

    /// <summary>An answer that is not a well-formed XML-RPC response of the expected shape.</summary>
    Malformed,

    /// <summary>An XML-RPC fault.</summary>
    Fault,

    /// <summary>The server does not have the method (the legacy Python server has only <c>restart_unit</c>).</summary>
    MethodNotSupported,

    /// <summary>
    /// The connection broke after the call was sent and before the whole answer came (the server died or reset it): the
    /// server may have acted on the call, a restart may have happened.
    /// </summary>
    Interrupted,
}
