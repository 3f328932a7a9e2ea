namespace Restarter.Web.Rpc;

/// <summary>
/// The four calls the web front end makes on the restart server. Failures of the call itself (unreachable, slow,
/// refusing, not XML-RPC, a fault) surface as <see cref="RpcCallException"/>; the legacy Python server only has
/// <see cref="RestartUnitAsync"/> and answers the others with a "not supported" fault
/// (<see cref="RpcFailure.MethodNotSupported"/>).
/// </summary>
public interface IRestarterRpc
{
    /// <summary><c>restart_unit(identifier)</c>: the legacy call, answered with <c>{success, message}</c>.</summary>
    Task<RestartResult> RestartUnitAsync(string identifier, CancellationToken cancellationToken);

    /// <summary><c>restart_unit_and_wait(identifier, timeout_seconds)</c>: restarts and waits for systemd's job result.</summary>
    Task<RestartOutcome> RestartUnitAndWaitAsync(string identifier, int timeoutSeconds, CancellationToken cancellationToken);

    /// <summary><c>unit_state(identifier)</c>.</summary>
    Task<UnitState> UnitStateAsync(string identifier, CancellationToken cancellationToken);

    /// <summary><c>list_units()</c>: every loaded instance of the template.</summary>
    Task<IReadOnlyList<UnitState>> ListUnitsAsync(CancellationToken cancellationToken);
}
