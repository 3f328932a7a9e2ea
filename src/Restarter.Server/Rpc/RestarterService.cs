using System.Globalization;
using Microsoft.Extensions.Options;
using Restarter.Server.Auditing;
using Restarter.Server.Restarting;
using Restarter.Server.Rpc.Internal;
using Restarter.Server.Systemd;
using Restarter.XmlRpc;

namespace Restarter.Server.Rpc;

/// <summary>
/// The XML-RPC methods of the server. <c>restart_unit</c> is the legacy server's, answer for answer; the others are new
/// and used by the web app. Identifiers arrive as raw values because the legacy server accepted integers too
/// (<c>str(identifier)</c>); see <see cref="UnitIdentifier.TextOf"/>.
/// </summary>
[XmlRpcService(PythonClassName = "Service")]
internal sealed partial class RestarterService(
    UnitRestarter restarter,
    SystemdClient systemd,
    RestartAudit audit,
    IHttpContextAccessor http,
    ServiceFaults faults,
    IOptions<RestarterOptions> options)
{
    /// <summary>Restarts example@ID.service (the configured template) if it is running. Answers {success, message}.</summary>
    /// <remarks>
    /// Not cancelled when the client goes away: the restart may already be with systemd, and the audit record must say so.
    /// Every D-Bus call has its own timeout (<see cref="RestarterOptions.CallTimeout"/>).
    /// </remarks>
    [XmlRpcMethod("restart_unit")]
    public async Task<RestartUnitAnswer> RestartUnit(XmlRpcValue identifier)
    {
        var outcome = await restarter.RestartAsync(
            UnitIdentifier.TextOf(identifier),
            unit => audit.RecordRequestAsync("restart_unit", http.HttpContext, identifier, unit),
            CancellationToken.None).ConfigureAwait(false);
        audit.Record("restart_unit", http.HttpContext, identifier, outcome);
        return new RestartUnitAnswer(outcome.Success, outcome.Message);
    }

    /// <summary>Restarts like restart_unit and waits up to timeout_seconds for systemd's job result. Answers {success, message, job, result}.</summary>
    [XmlRpcMethod("restart_unit_and_wait")]
    public async Task<RestartAndWaitAnswer> RestartUnitAndWait(XmlRpcValue identifier, int timeout_seconds, CancellationToken cancellationToken)
    {
        var longest = options.Value.MaxRestartWait;
        if (timeout_seconds < 1 || timeout_seconds > longest.TotalSeconds)
        {
            throw faults.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"timeout_seconds must be between 1 and {longest.TotalSeconds:0}, got {timeout_seconds}"));
        }

        RestartOutcome outcome;
        try
        {
            outcome = await restarter.RestartAndWaitAsync(
                UnitIdentifier.TextOf(identifier),
                TimeSpan.FromSeconds(timeout_seconds),
                unit => audit.RecordRequestAsync("restart_unit_and_wait", http.HttpContext, identifier, unit),
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            audit.Record("restart_unit_and_wait", http.HttpContext, identifier, RestartOutcome.ClientGone);
            throw;
        }

        audit.Record("restart_unit_and_wait", http.HttpContext, identifier, outcome);
        return new RestartAndWaitAnswer(outcome.Success, outcome.Message, outcome.JobPath, outcome.Result);
    }

    /// <summary>The state of one instance: {identifier, unit, load_state, active_state, sub_state, main_pid, since}. Loads and starts nothing.</summary>
    [XmlRpcMethod("unit_state")]
    public async Task<UnitStateAnswer> UnitState(XmlRpcValue identifier, CancellationToken cancellationToken)
    {
        var text = UnitIdentifier.TextOf(identifier);
        if (!UnitIdentifier.IsValid(text))
        {
            throw faults.InvalidArgument(UnitIdentifier.InvalidMessage);
        }

        try
        {
            var state = await systemd.GetUnitStateAsync(restarter.Template.UnitFor(text), cancellationToken).ConfigureAwait(false);
            return UnitStateAnswer.From(text, state);
        }
        catch (SystemdCallException e)
        {
            throw faults.SystemdFailed(e);
        }
    }

    /// <summary>The instances of the template that systemd has loaded, with their states, sorted by identifier.</summary>
    [XmlRpcMethod("list_units")]
    public async Task<List<UnitStateAnswer>> ListUnits(CancellationToken cancellationToken)
    {
        IReadOnlyList<UnitState> states;
        try
        {
            states = await systemd.ListUnitsAsync(restarter.Template.Pattern, cancellationToken).ConfigureAwait(false);
        }
        catch (SystemdCallException e)
        {
            throw faults.SystemdFailed(e);
        }

        var answers = new List<UnitStateAnswer>(states.Count);
        foreach (var state in states)
        {
            if (restarter.Template.TryGetIdentifier(state.Unit, out var identifier))
            {
                answers.Add(UnitStateAnswer.From(identifier, state));
            }
        }

        answers.Sort(static (a, b) => string.CompareOrdinal(a.Identifier, b.Identifier));
        return answers;
    }
}
