using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Restarter.Server.Systemd;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests;

/// <summary>With no bus to reach, our error text is exactly what python-dbus (the legacy server) says for the same address.</summary>
public sealed class NoBusTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("restarter-nobus-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> BadAddresses => new()
    {
        "garbage",
        "unix:",
        "unix:path",
        "unix:path=",
        "foo:bar=baz",
        "unix:path=/a%zz",
        "tcp:host=127.0.0.1",
    };

    [Fact]
    public Task A_missing_socket() => AssertSameAsPythonAsync("unix:path=" + Path.Combine(_directory, "nonexistent"));

    [Fact]
    public Task A_socket_in_a_missing_directory() => AssertSameAsPythonAsync("unix:path=" + Path.Combine(_directory, "no", "such"));

    [Fact]
    public Task A_socket_nobody_listens_on()
    {
        var path = Path.Combine(_directory, "dead.socket");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
        }

        return AssertSameAsPythonAsync("unix:path=" + path);
    }

    [Fact]
    public Task An_escaped_path_is_unescaped_first() => AssertSameAsPythonAsync("unix:path=" + Path.Combine(_directory, "no%73uch"));

    [Fact]
    public Task The_first_failure_of_several_addresses_is_reported() =>
        AssertSameAsPythonAsync($"unix:path={_directory}/first;unix:path={_directory}/second");

    [Fact]
    public Task A_closed_tcp_port() => AssertSameAsPythonAsync("tcp:host=127.0.0.1,port=1");

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public Task A_bad_address(string address) => AssertSameAsPythonAsync(address);

    [Fact]
    public async Task The_legacy_example_text_for_a_missing_socket()
    {
        using var client = ClientFor("unix:path=/nonexistent");
        var e = await Assert.ThrowsAsync<SystemdCallException>(() => client.RestartUnitAsync("example@1234.service", "replace"));
        Assert.Equal("org.freedesktop.DBus.Error.FileNotFound: Failed to connect to socket /nonexistent: No such file or directory", e.Message);
    }

    [Fact]
    public async Task Every_call_tries_again()
    {
        var socket = Path.Combine(_directory, "later.socket");
        using var client = ClientFor("unix:path=" + socket);
        await Assert.ThrowsAsync<SystemdCallException>(() => client.RestartUnitAsync("example@1234.service", "replace"));

        await using var bus = await PrivateBus.StartAsync();
        using var systemd = await FakeSystemd.StartAsync(bus.Address);
        File.CreateSymbolicLink(socket, bus.SocketPath);

        Assert.StartsWith("/org/freedesktop/systemd1/job/", await client.RestartUnitAsync("example@1234.service", "replace"));
    }

    private static SystemdClient ClientFor(string address) =>
        new(Options.Create(new RestarterOptions { BusAddress = address, CallTimeout = TimeSpan.FromSeconds(5) }), NullLogger<SystemdClient>.Instance);

    private static async Task AssertSameAsPythonAsync(string address)
    {
        var python = await PythonDBus.ConnectErrorAsync(address);
        Assert.StartsWith("org.freedesktop.DBus.Error.", python);

        using var client = ClientFor(address);
        var e = await Assert.ThrowsAsync<SystemdCallException>(() => client.RestartUnitAsync("example@1234.service", "replace"));

        Assert.Equal(python, e.Message);
    }
}
