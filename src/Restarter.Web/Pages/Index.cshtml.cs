using Microsoft.AspNetCore.Mvc.RazorPages;
using Restarter.Web.Rpc;
using Restarter.Web.Users;

namespace Restarter.Web.Pages;

/// <summary>The form of the legacy app, plus the instances with their states when the server can report them.</summary>
public sealed class IndexModel(IRestarterRpc rpc, RestartAccess access) : PageModel
{
    public bool LoginEnabled => access.LoginEnabled;

    /// <summary>Null when any id may be typed in (login off).</summary>
    public IReadOnlyList<string>? AllowedIds { get; private set; }

    /// <summary>Null when the server cannot list units or the call failed.</summary>
    public IReadOnlyList<UnitState>? Units { get; private set; }

    public bool LegacyServer { get; private set; }

    public string? StatesError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AllowedIds = access.AllowedIds(User);
        try
        {
            var units = await rpc.ListUnitsAsync(cancellationToken);
            Units = AllowedIds is { } allowed ? units.Where(u => allowed.Contains(u.Identifier, StringComparer.Ordinal)).ToList() : units;
        }
        catch (RpcCallException e) when (e.Failure == RpcFailure.MethodNotSupported)
        {
            LegacyServer = true;
        }
        catch (RpcCallException e)
        {
            StatesError = e.Message;
            Response.StatusCode = e.HttpStatusCode;
        }
    }
}
