namespace Restarter.Web.Rpc;

/// <summary>The legacy answer of <c>restart_unit</c>: the struct <c>{success, message}</c>.</summary>
public sealed record RestartResult(bool Success, string Message);
