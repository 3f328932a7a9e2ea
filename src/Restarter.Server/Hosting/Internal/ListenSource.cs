using System.Globalization;

namespace Restarter.Server.Hosting.Internal;

/// <summary>Where the server will listen: the sockets systemd passed (socket activation), or configured URLs.</summary>
internal static class ListenSource
{
    /// <summary>How many sockets systemd passed to this very process (<c>LISTEN_PID</c> is ours, <c>LISTEN_FDS</c> &gt; 0), as sd_listen_fds counts them.</summary>
    public static int SystemdSocketCount()
    {
        if (Environment.GetEnvironmentVariable("LISTEN_PID") != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return 0;
        }

        return int.TryParse(Environment.GetEnvironmentVariable("LISTEN_FDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
    }

    /// <summary>
    /// The addresses configuration asks for (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>,
    /// <c>Kestrel:Endpoints</c>), or null when none: Kestrel would then quietly pick localhost:5000, which no unit or
    /// client expects.
    /// </summary>
    public static string? ConfiguredAddresses(IConfiguration configuration)
    {
        foreach (var key in (string[])["urls", "http_ports", "https_ports"])
        {
            if (configuration[key] is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"])
            .Where(url => !string.IsNullOrWhiteSpace(url))
            .ToList();
        return endpoints.Count > 0 ? string.Join(';', endpoints) : null;
    }
}
