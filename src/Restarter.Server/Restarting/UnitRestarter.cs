using Microsoft.Extensions.Options;
using Restarter.Server.Systemd;

namespace Restarter.Server.Restarting;

/// <summary>
/// The decisions behind <c>restart_unit</c>, independent of XML-RPC: validate the identifier, build the unit name,
/// refuse to start an instance that is not running, then ask systemd. Never throws for a bad identifier or a D-Bus failure:
/// both become an unsuccessful <see cref="RestartOutcome"/>, as in the legacy server.
/// </summary>
public sealed class UnitRestarter
{
    private readonly SystemdClient _systemd;
    private readonly RestarterOptions _options;
    private readonly HashSet<string> _runningStates;

    public UnitRestarter(SystemdClient systemd, IOptions<RestarterOptions> options)
    {
        _systemd = systemd;
        _options = options.Value;
        Template = new UnitNameTemplate(_options.UnitTemplate);
        _runningStates = new HashSet<string>(
            _options.RunningStates is { Length: > 0 } states ? states : ["active", "activating", "deactivating", "reloading", "refreshing"],
            StringComparer.Ordinal);
    }

    public UnitNameTemplate Template { get; }

    /// <summary>Queues a restart (<c>RestartUnit(unit, mode)</c>) and answers as soon as systemd has accepted the job.</summary>
    /// <param name="beforeRestart">Awaited with the unit's name right before systemd is asked (the audit's request record).</param>
    public async Task<RestartOutcome> RestartAsync(string? identifier, Func<string, Task>? beforeRestart = null, CancellationToken cancellationToken = default)
    {
        if (!UnitIdentifier.IsValid(identifier))
        {
            return RestartOutcome.InvalidIdentifier;
        }

        var unit = Template.UnitFor(identifier);
        try
        {
            if (await RefuseIfNotRunningAsync(unit, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }

            if (beforeRestart is not null)
            {
                await beforeRestart(unit).ConfigureAwait(false);
            }

            var job = await _systemd.RestartUnitAsync(unit, _options.JobMode, cancellationToken).ConfigureAwait(false);
            return new RestartOutcome(true, RestartOutcome.SuccessMessage, unit, job, "", RestartStatus.Queued);
        }
        catch (SystemdCallException e)
        {
            return new RestartOutcome(false, e.Message, unit, "", "", RestartStatus.BusError);
        }
    }

    /// <summary>Restarts and waits up to <paramref name="wait"/> for systemd's job result; success only when the job is <c>done</c>.</summary>
    public async Task<RestartOutcome> RestartAndWaitAsync(string? identifier, TimeSpan wait, Func<string, Task>? beforeRestart = null, CancellationToken cancellationToken = default)
    {
        if (!UnitIdentifier.IsValid(identifier))
        {
            return RestartOutcome.InvalidIdentifier;
        }

        var unit = Template.UnitFor(identifier);
        try
        {
            if (await RefuseIfNotRunningAsync(unit, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }

            if (beforeRestart is not null)
            {
                await beforeRestart(unit).ConfigureAwait(false);
            }

            var outcome = await _systemd.RestartUnitAndWaitAsync(unit, _options.JobMode, wait, cancellationToken).ConfigureAwait(false);
            var done = outcome.Result == RestartJobOutcome.Done;
            var message = done ? RestartOutcome.SuccessMessage
                : outcome.Error
                  ?? (outcome.Result == RestartJobOutcome.WaitTimeout
                      ? $"{unit}: no result for job {outcome.JobPath} within {wait.TotalSeconds:0.###} s"
                      : $"{unit}: job {outcome.JobPath} finished with result '{outcome.Result}'");
            return new RestartOutcome(done, message, unit, outcome.JobPath, outcome.Result, done ? RestartStatus.Done : RestartStatus.JobFailed);
        }
        catch (SystemdCallException e)
        {
            return new RestartOutcome(false, e.Message, unit, "", "", RestartStatus.BusError);
        }
    }

    /// <summary>RestartUnit STARTS an inactive instance, so without this anyone could start thousands of new ones.</summary>
    private async Task<RestartOutcome?> RefuseIfNotRunningAsync(string unit, CancellationToken cancellationToken)
    {
        if (!_options.RequireRunningUnit)
        {
            return null;
        }

        var activeState = await _systemd.GetActiveStateAsync(unit, cancellationToken).ConfigureAwait(false);
        return _runningStates.Contains(activeState)
            ? null
            : new RestartOutcome(false, $"{unit} is not running ({activeState}): refusing to start it", unit, "", "", RestartStatus.NotRunning);
    }
}
