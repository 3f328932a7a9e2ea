using Microsoft.Extensions.Options;
using Restarter.Server.Restarting;
using Restarter.Server.Systemd;

namespace Restarter.Server;

public static class RestarterServiceCollectionExtensions
{
    /// <summary>Registers the systemd client (one shared bus connection) and the restart logic, configured from <paramref name="section"/>.</summary>
    public static IServiceCollection AddRestarter(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<RestarterOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RestarterOptions>, RestarterOptionsValidator>();
        services.AddSingleton<SystemdClient>();
        services.AddSingleton<UnitRestarter>();
        return services;
    }
}
