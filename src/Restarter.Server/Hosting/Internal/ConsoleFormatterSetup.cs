using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Restarter.Server.Hosting.Internal;

/// <summary>
/// Chooses the console format: whatever <c>Logging:Console:FormatterName</c> says; else systemd's (one line with a
/// <c>&lt;N&gt;</c> priority prefix, no timestamp: journald adds it) when stdout goes to the journal (<c>JOURNAL_STREAM</c>)
/// or systemd started us; else single-line text with UTC timestamps.
/// </summary>
internal sealed class ConsoleFormatterSetup(IConfiguration configuration, bool underSystemd) : IPostConfigureOptions<ConsoleLoggerOptions>
{
    public void PostConfigure(string? name, ConsoleLoggerOptions options)
    {
        if (configuration["Logging:Console:FormatterName"] is { Length: > 0 } chosen)
        {
            options.FormatterName = chosen;
        }
        else
        {
            var journal = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
            options.FormatterName = journal || underSystemd ? ConsoleFormatterNames.Systemd : ConsoleFormatterNames.Simple;
        }
    }
}
