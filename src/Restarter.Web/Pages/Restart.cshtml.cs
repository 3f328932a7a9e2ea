using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Restarter.Web.Responses;
using Restarter.Web.Rpc;
using Restarter.Web.Users;

namespace Restarter.Web.Pages;

/// <summary>
/// <c>POST /restart</c> with <c>service_id</c>, as the legacy form posted it. Scripts (Accept without text/html) get the
/// Bottle app's JSON from the legacy <c>restart_unit</c>; browsers get a page with systemd's job result from
/// <c>restart_unit_and_wait</c> when the server has it.
/// </summary>
public sealed partial class RestartModel(IRestarterRpc rpc, RestartAccess access, IOptions<RestarterWebOptions> options, ILogger<RestartModel> logger) : PageModel
{
    private readonly ILogger<RestartModel> _logger = logger;

    public const string InvalidIdentifierMessage = "invalid identifier";

    public const string NotAllowedMessage = "not allowed";

    public string ServiceId { get; private set; } = string.Empty;

    public bool Success { get; private set; }

    public string Message { get; private set; } = string.Empty;

    /// <summary>The server's answer was cut off: the restart may have happened (<see cref="RpcFailure.Interrupted"/>).</summary>
    public bool Unconfirmed { get; private set; }

    public string? Job { get; private set; }

    public string? JobResult { get; private set; }

    public UnitState? State { get; private set; }

    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "service_id")] string? serviceId, CancellationToken cancellationToken)
    {
        ServiceId = serviceId ?? string.Empty;
        var wantsHtml = Request.WantsHtml();
        var user = User.Identity?.Name ?? "-";

        // The server checks the id too; checking here keeps junk away from it and gives the server's exact answer.
        if (!InstanceId.IsValid(ServiceId))
        {
            LogRejected(user, ServiceId, InvalidIdentifierMessage);
            return Answer(wantsHtml, StatusCodes.Status200OK, false, InvalidIdentifierMessage);
        }

        if (!access.MayRestart(User, ServiceId))
        {
            LogRejected(user, ServiceId, NotAllowedMessage);
            return Answer(wantsHtml, StatusCodes.Status403Forbidden, false, NotAllowedMessage);
        }

        try
        {
            if (!wantsHtml)
            {
                var legacy = await rpc.RestartUnitAsync(ServiceId, cancellationToken);
                LogRestart(user, ServiceId, legacy.Success, legacy.Message);
                return Answer(false, StatusCodes.Status200OK, legacy.Success, legacy.Message);
            }

            await RestartAndWaitAsync(cancellationToken);
            LogRestart(user, ServiceId, Success, Message);
            return Page();
        }
        catch (RpcCallException e)
        {
            LogRpcFailed(user, ServiceId, e.Failure, e.Message);
            Unconfirmed = e.Failure == RpcFailure.Interrupted;
            return Answer(wantsHtml, e.HttpStatusCode, false, e.Message);
        }
    }

    private async Task RestartAndWaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await rpc.RestartUnitAndWaitAsync(ServiceId, options.Value.RestartWaitSeconds, cancellationToken);
            (Success, Message, Job, JobResult) = (outcome.Success, outcome.Message, outcome.Job, outcome.Result);
        }
        catch (RpcCallException e) when (e.Failure == RpcFailure.MethodNotSupported)
        {
            // The legacy Python server: restart only, no job result and no states.
            var legacy = await rpc.RestartUnitAsync(ServiceId, cancellationToken);
            (Success, Message) = (legacy.Success, legacy.Message);
            return;
        }

        try
        {
            State = await rpc.UnitStateAsync(ServiceId, cancellationToken);
        }
        catch (RpcCallException)
        {
            // The restart's own answer is what matters; a missing state line is not worth an error page.
        }
    }

    private IActionResult Answer(bool wantsHtml, int statusCode, bool success, string message)
    {
        Response.StatusCode = statusCode;
        if (wantsHtml)
        {
            (Success, Message) = (success, message);
            return Page();
        }

        return new ContentResult { StatusCode = statusCode, ContentType = LegacyJson.ContentType, Content = LegacyJson.Restart(success, message) };
    }
}
