using Microsoft.AspNetCore.Http;
using Restarter.Server.Auditing.Internal;
using Restarter.Server.Restarting;
using Restarter.XmlRpc;

namespace Restarter.Server.Auditing;

/// <summary>
/// One log record per restart request (category <c>Restarter.Audit</c>): who asked (client address, the authenticated
/// user), what they sent (the identifier as received, escaped), what it became (unit, outcome, job path). The record is a
/// single line of <c>key=value</c> fields and also carries them as structured log state.
/// </summary>
public sealed partial class RestartAudit
{
    public const string Category = "Restarter.Audit";

    private readonly ILogger _logger;

    public RestartAudit(ILoggerFactory loggers) => _logger = loggers.CreateLogger(Category);

    public void Record(string method, HttpContext? http, XmlRpcValue? identifier, RestartOutcome outcome)
    {
        var client = http?.Connection.RemoteIpAddress is { } address
            ? $"{(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)}:{http.Connection.RemotePort}"
            : "-";
        var user = http?.User.Identity is { IsAuthenticated: true, Name: { } name } ? AuditText.Quote(name) : "-";
        var text = AuditText.Identifier(identifier);
        var unit = outcome.Unit ?? "-";
        var job = outcome.JobPath.Length > 0 ? outcome.JobPath : "-";
        var message = AuditText.Quote(outcome.Message, AuditText.MaxMessageCharacters);
        if (outcome.Success)
        {
            LogGranted(method, client, user, text, unit, Outcome(outcome.Status), job, message);
        }
        else
        {
            LogDenied(method, client, user, text, unit, Outcome(outcome.Status), job, message);
        }
    }

    private static string Outcome(RestartStatus status) => status switch
    {
        RestartStatus.InvalidIdentifier => "invalid-identifier",
        RestartStatus.NotRunning => "not-running",
        RestartStatus.Queued => "queued",
        RestartStatus.Done => "done",
        RestartStatus.JobFailed => "job-failed",
        RestartStatus.BusError => "bus-error",
        RestartStatus.ClientGone => "client-gone",
        _ => "unknown",
    };

    [LoggerMessage(100, LogLevel.Information, "audit {Method} client={Client} user={User} identifier={Identifier} unit={Unit} outcome={Outcome} job={Job} message={Message}")]
    private partial void LogGranted(string method, string client, string user, string identifier, string unit, string outcome, string job, string message);

    [LoggerMessage(101, LogLevel.Warning, "audit {Method} client={Client} user={User} identifier={Identifier} unit={Unit} outcome={Outcome} job={Job} message={Message}")]
    private partial void LogDenied(string method, string client, string user, string identifier, string unit, string outcome, string job, string message);
}
