using System.Diagnostics;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>Asks the real python-dbus (Debian's /usr/bin/python3 + python3-dbus) what it says, to compare our texts with the legacy server's.</summary>
public static class PythonDBus
{
    private const string ConnectScript = """
        import dbus
        try:
            dbus.SystemBus(private=True)
            print("connected")
        except Exception as e:
            print(e)
        """;

    /// <summary>What the legacy server's <c>f'{e}'</c> is when it connects to the system bus at <paramref name="address"/>.</summary>
    public static async Task<string> ConnectErrorAsync(string address)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", ConnectScript])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = address;
        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        return output.TrimEnd('\n');
    }
}
