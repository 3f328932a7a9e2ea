namespace Restarter.Web.Rpc;

/// <summary>A call to the restart server failed; <see cref="Exception.Message"/> is safe to show to the user.</summary>
public sealed class RpcCallException : Exception
{
    public RpcCallException(RpcFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public RpcCallException()
        : this(RpcFailure.Unreachable, "The RPC server could not be called.")
    {
    }

    public RpcCallException(string message)
        : this(RpcFailure.Unreachable, message)
    {
    }

    public RpcCallException(string message, Exception innerException)
        : this(RpcFailure.Unreachable, message, innerException)
    {
    }

    public RpcFailure Failure { get; }

    /// <summary>504 when the server was too slow, 502 for every other failure of the upstream server.</summary>
    public int HttpStatusCode => Failure == RpcFailure.TimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
}
