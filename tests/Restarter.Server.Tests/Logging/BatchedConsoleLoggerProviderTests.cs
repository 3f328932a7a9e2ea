using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Restarter.Server.Logging.Internal;
using GatedStream = Restarter.Server.Tests.Logging.ConsoleBatchWriterTests.GatedStream;

namespace Restarter.Server.Tests.Logging;

public sealed class BatchedConsoleLoggerProviderTests
{
    [Fact]
    public void It_takes_the_place_of_the_console_logger_provider()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole().AddBatchedConsole());

        using var provider = services.BuildServiceProvider();
        var loggers = provider.GetServices<ILoggerProvider>().ToList();

        Assert.Single(loggers);
        Assert.IsType<BatchedConsoleLoggerProvider>(loggers[0]);
    }

    [Theory]
    [InlineData(ConsoleFormatterNames.Simple, "warn: Restarter.Audit[101]\n      audit restart_unit identifier=\"12a4\"\n")]
    [InlineData(ConsoleFormatterNames.Systemd, "<4>Restarter.Audit[101] audit restart_unit identifier=\"12a4\"\n")]
    public void It_writes_what_the_chosen_console_formatter_writes(string formatterName, string expected)
    {
        var (provider, stdout, _) = Create(new ConsoleLoggerOptions { FormatterName = formatterName });

        provider.CreateLogger("Restarter.Audit").Log(LogLevel.Warning, new EventId(101), "audit restart_unit identifier=\"12a4\"");
        provider.Dispose();

        Assert.Equal(expected, stdout.Text);
    }

    [Fact]
    public void Structured_fields_reach_the_json_formatter()
    {
        var (provider, stdout, _) = Create(new ConsoleLoggerOptions { FormatterName = ConsoleFormatterNames.Json });

        provider.CreateLogger("Restarter.Audit").LogInformation("audit {Method} outcome={Outcome}", "restart_unit", "queued");
        provider.Dispose();

        Assert.Contains("\"Category\":\"Restarter.Audit\"", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("\"Method\":\"restart_unit\"", stdout.Text, StringComparison.Ordinal);
        Assert.Contains("\"Outcome\":\"queued\"", stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_at_or_above_the_standard_error_threshold_go_to_standard_error()
    {
        var (provider, stdout, stderr) = Create(new ConsoleLoggerOptions
        {
            FormatterName = ConsoleFormatterNames.Systemd,
            LogToStandardErrorThreshold = LogLevel.Warning,
        });

        var logger = provider.CreateLogger("Restarter.Server");
        logger.LogInformation("listening");
        logger.LogWarning("authentication is off");
        provider.Dispose();

        Assert.Equal("<6>Restarter.Server[0] listening\n", stdout.Text);
        Assert.Equal("<4>Restarter.Server[0] authentication is off\n", stderr.Text);
    }

    private static (BatchedConsoleLoggerProvider Provider, GatedStream Stdout, GatedStream Stderr) Create(ConsoleLoggerOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole());
        using var container = services.BuildServiceProvider();
        var formatters = container.GetServices<ConsoleFormatter>().ToList();

        var stdout = new GatedStream();
        var stderr = new GatedStream();
        stdout.Open();
        stderr.Open();
        var provider = new BatchedConsoleLoggerProvider(new FixedOptions(options), formatters, new ConsoleBatchWriter(stdout, stderr));
        return (provider, stdout, stderr);
    }

    private sealed class FixedOptions(ConsoleLoggerOptions value) : IOptionsMonitor<ConsoleLoggerOptions>
    {
        public ConsoleLoggerOptions CurrentValue => value;

        public ConsoleLoggerOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleLoggerOptions, string?> listener) => null;
    }
}
