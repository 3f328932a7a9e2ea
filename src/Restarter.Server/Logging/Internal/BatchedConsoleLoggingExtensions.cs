using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Restarter.Server.Logging.Internal;

internal static class BatchedConsoleLoggingExtensions
{
    /// <summary>
    /// The console logger's formatters and options, with <see cref="BatchedConsoleLoggerProvider"/> in place of the console
    /// logger provider (which the host builders add by default).
    /// </summary>
    public static ILoggingBuilder AddBatchedConsole(this ILoggingBuilder logging)
    {
        logging.AddConsole();
        logging.Services.RemoveAll<ILoggerProvider>(d => d.ImplementationType == typeof(ConsoleLoggerProvider));
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        logging.Services.TryAddSingleton(services => services.GetServices<ILoggerProvider>().OfType<BatchedConsoleLoggerProvider>().Single().Flush);
        return logging;
    }

    private static void RemoveAll<TService>(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && match(services[i]))
            {
                services.RemoveAt(i);
            }
        }
    }
}
