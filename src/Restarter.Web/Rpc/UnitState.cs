namespace Restarter.Web.Rpc;

/// <summary>The state of one instance, as <c>unit_state</c> and <c>list_units</c> report it.</summary>
public sealed record UnitState(
    string Identifier,
    string Unit,
    string LoadState,
    string ActiveState,
    string SubState,
    long MainPid,
    string Since);
