using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Restarter.Server.Auditing.Internal;
using Restarter.Server.Hosting.Internal;
using Restarter.Server.Logging;
using Restarter.Server.Restarting;
using Restarter.XmlRpc;

namespace Restarter.Server.Auditing;

/// <summary>
/// One log record per restart request (category <c>Restarter.Audit</c>): who asked (client address, the authenticated
/// user), what they sent (the identifier as received, escaped), what it became (unit, outcome, job path). The record is a
/// single line of <c>key=value</c> fields and also carries them as structured log state.
/// A restart that reaches systemd is recorded twice: <c>audit-request</c> before systemd is asked, written out before the
/// call goes on (so that a server killed mid-call still leaves a trace of every restart it asked for), and the outcome after.
/// Requests refused before systemd is asked (a bad identifier, a unit that is not running) beyond
/// <see cref="RestarterOptions.AuditDeniedPerSecond"/> per client address and second are counted instead, and one
/// <c>audit-suppressed</c> record a second says how many there were.
/// </summary>
public sealed partial class RestartAudit : IDisposable
{
    public const string Category = "Restarter.Audit";

    private readonly ILogger _logger;
    private readonly ILogFlush? _flush;
    private readonly DeniedAuditLimiter? _deniedLimiter;
    private readonly int _deniedPerSecond;
    private readonly ITimer? _suppressedReporter;
    private int _reportArmed;

    public RestartAudit(ILoggerFactory loggers, IOptions<RestarterOptions> options, TimeProvider time, ILogFlush? flush = null)
    {
        _logger = loggers.CreateLogger(Category);
        _flush = flush;
        _deniedPerSecond = options.Value.AuditDeniedPerSecond;
        if (_deniedPerSecond > 0)
        {
            _deniedLimiter = new DeniedAuditLimiter(_deniedPerSecond, time);

            // Armed by refused requests and disarmed once every client is forgotten: an idle server is not woken.
            _suppressedReporter = time.CreateTimer(_ => ReportSuppressed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Records that <paramref name="unit"/> is about to be restarted, and returns once the record has been written.</summary>
    public Task RecordRequestAsync(string method, HttpContext? http, XmlRpcValue? identifier, string unit)
    {
        LogRequest(method, Client(http), User(http), AuditText.Identifier(identifier), unit);
        return _flush?.FlushAsync() ?? Task.CompletedTask;
    }

    public void Record(string method, HttpContext? http, XmlRpcValue? identifier, RestartOutcome outcome)
    {
        if (!_logger.IsEnabled(outcome.Success ? LogLevel.Information : LogLevel.Warning))
        {
            return;
        }

        // Only refusals decided before systemd is asked to restart anything; every outcome of a real attempt is recorded.
        if (outcome.Status is RestartStatus.InvalidIdentifier or RestartStatus.NotRunning
            && _deniedLimiter is not null && http?.Connection.RemoteIpAddress is { } address)
        {
            var recorded = _deniedLimiter.TryRecord(ClientConnectionCounter.Normalise(address));
            ArmReporter();
            if (!recorded)
            {
                return;
            }
        }

        var client = Client(http);
        var user = User(http);
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

    /// <summary>Writes the final counts; the timer is stopped.</summary>
    public void Dispose()
    {
        _suppressedReporter?.Dispose();
        ReportSuppressed();
    }

    private void ReportSuppressed()
    {
        // Disarmed before taking the counts: a request refused meanwhile arms the timer again.
        Volatile.Write(ref _reportArmed, 0);
        foreach (var (client, count) in _deniedLimiter?.TakeSuppressed() ?? [])
        {
            LogSuppressed(client.ToString(), count, _deniedPerSecond);
        }

        // Again until every client is forgotten; then an idle server is not woken any more.
        if (_deniedLimiter is { IsEmpty: false })
        {
            ArmReporter();
        }
    }

    private void ArmReporter()
    {
        if (Interlocked.CompareExchange(ref _reportArmed, 1, 0) == 0)
        {
            _suppressedReporter?.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }
    }

    private static string Client(HttpContext? http) => http?.Connection.RemoteIpAddress is { } address
        ? $"{ClientConnectionCounter.Normalise(address)}:{http.Connection.RemotePort}"
        : "-";

    private static string User(HttpContext? http) =>
        http?.User.Identity is { IsAuthenticated: true, Name: { } name } ? AuditText.Quote(name) : "-";

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

    [LoggerMessage(102, LogLevel.Information, "audit-request {Method} client={Client} user={User} identifier={Identifier} unit={Unit}")]
    private partial void LogRequest(string method, string client, string user, string identifier, string unit);

    [LoggerMessage(100, LogLevel.Information, "audit {Method} client={Client} user={User} identifier={Identifier} unit={Unit} outcome={Outcome} job={Job} message={Message}")]
    private partial void LogGranted(string method, string client, string user, string identifier, string unit, string outcome, string job, string message);

    [LoggerMessage(103, LogLevel.Warning, "audit-suppressed client={Client} denied={Denied}: denied restart requests from this address beyond {PerSecond} a second, counted and not recorded one by one")]
    private partial void LogSuppressed(string client, long denied, int perSecond);

    [LoggerMessage(101, LogLevel.Warning, "audit {Method} client={Client} user={User} identifier={Identifier} unit={Unit} outcome={Outcome} job={Job} message={Message}")]
    private partial void LogDenied(string method, string client, string user, string identifier, string unit, string outcome, string job, string message);
}
