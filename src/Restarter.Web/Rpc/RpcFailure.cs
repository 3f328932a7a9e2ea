namespace Restarter.Web.Rpc;

/// <summary>Why a call to the restart server did not produce an answer the page can use.</summary>
public enum RpcFailure
{
    /// <summary>No connection: refused, reset, no route, DNS.</summary>
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
}
