using Microsoft.Extensions.Options;
using Restarter.Server.Restarting;

namespace Restarter.Server;

/// <summary>Refuses a configuration that cannot work, at startup, with a message that says which setting to fix.</summary>
internal sealed class RestarterOptionsValidator : IValidateOptions<RestarterOptions>
{
    public ValidateOptionsResult Validate(string? name, RestarterOptions options)
    {
        var failures = new List<string>();
        if (!UnitNameTemplate.IsWellFormed(options.UnitTemplate, out var templateError))
        {
            failures.Add(templateError);
        }

        if (string.IsNullOrWhiteSpace(options.JobMode))
        {
            failures.Add("Restarter:JobMode is empty; systemd's modes are replace, fail, isolate... (the legacy server used replace)");
        }

        if (options.CallTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Restarter:CallTimeout must be positive (got {options.CallTimeout})");
        }

        if (options.MaxCallsInFlight is < 1 or > 128)
        {
            failures.Add($"Restarter:MaxCallsInFlight must be between 1 and 128, the system bus's max_replies_per_connection (got {options.MaxCallsInFlight})");
        }

        if (options.AuditDeniedPerSecond < 0)
        {
            failures.Add($"Restarter:AuditDeniedPerSecond must be 0 (no limit) or more (got {options.AuditDeniedPerSecond})");
        }

        if (options.MaxRestartWait <= TimeSpan.Zero)
        {
            failures.Add($"Restarter:MaxRestartWait must be positive (got {options.MaxRestartWait})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
