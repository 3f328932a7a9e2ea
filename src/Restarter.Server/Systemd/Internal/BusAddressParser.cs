using System.Text;

namespace Restarter.Server.Systemd.Internal;

/// <summary>
/// Parses a D-Bus address list the way libdbus does, so that a bad address is refused with libdbus's own words
/// (what the legacy python-dbus server answered) before anything is connected.
/// </summary>
internal static class BusAddressParser
{
    /// <summary>Where libdbus looks for the system bus when <c>DBUS_SYSTEM_BUS_ADDRESS</c> is unset or empty.</summary>
    public const string DefaultSystemBusAddress = "unix:path=/run/dbus/system_bus_socket";

    /// <summary>The endpoints of <paramref name="address"/>, in order; throws <see cref="SystemdCallException"/> (BadAddress).</summary>
    public static IReadOnlyList<BusEndpoint> Parse(string address)
    {
        var endpoints = new List<BusEndpoint>();
        foreach (var entry in address.Split(';'))
        {
            if (entry.Length == 0 && endpoints.Count > 0)
            {
                continue;
            }

            endpoints.Add(ParseEntry(entry));
        }

        return endpoints;
    }

    private static BusEndpoint ParseEntry(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw DBusErrorTexts.BadAddress("Address does not contain a colon");
        }

        var transport = entry[..colon];
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw DBusErrorTexts.BadAddress("'=' character not found or has no value following it");
            }

            keys.TryAdd(pair[..equals], Unescape(pair[(equals + 1)..]));
        }

        switch (transport)
        {
            case "unix":
                keys.TryGetValue("path", out var path);
                keys.TryGetValue("abstract", out var @abstract);
                if (path is null && @abstract is null)
                {
                    throw DBusErrorTexts.BadAddress("Server address of type unix was missing argument path or abstract");
                }

                return new BusEndpoint("unix", path, path is null ? @abstract : null, null, null);
            case "tcp":
                if (!keys.TryGetValue("port", out var port))
                {
                    throw DBusErrorTexts.BadAddress("Server address of type tcp was missing argument port");
                }

                return new BusEndpoint("tcp", null, null, keys.GetValueOrDefault("host", "localhost"), port);
            default:
                throw DBusErrorTexts.BadAddress(
                    "Could not parse server address: Unknown address type (examples of valid types are \"tcp\" and on UNIX \"unix\")");
        }
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
                continue;
            }

            if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
            {
                throw DBusErrorTexts.BadAddress("In D-Bus address, percent character was followed by characters other than hex digits");
            }

            bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
            i += 2;
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
