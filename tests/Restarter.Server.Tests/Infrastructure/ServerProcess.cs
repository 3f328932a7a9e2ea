using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>
/// A real server process: the built Restarter.Server (its own Program.cs, Kestrel, console logging), listening either on
/// a URL (a free loopback port) or on a socket passed by <c>systemd-socket-activate</c> as fd 3, exactly as
/// <c>restarter-server.socket</c> passes it. Captures every line of stdout and stderr.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly string[] ScrubbedVariables =
        ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES", "JOURNAL_STREAM", "NOTIFY_SOCKET", "CREDENTIALS_DIRECTORY", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_URLS", "INVOCATION_ID"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private event Action<string>? LineReceived;

    private ServerProcess(Process process, Uri? baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT/; null until the server said where it listens.</summary>
    public Uri? BaseAddress { get; private set; }

    public int ProcessId => _process.Id;

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public static string ServerAssembly => Path.Combine(AppContext.BaseDirectory, "Restarter.Server.dll");

    public static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>
    /// Starts the server on a loopback port (<paramref name="port"/>, or a free one when 0: <c>--urls http://127.0.0.1:0</c>)
    /// and waits until it listens.
    /// </summary>
    public static Task<ServerProcess> StartAsync(
        IEnumerable<string> arguments, IDictionary<string, string>? environment = null, bool listen = true, int port = 0, string? workingDirectory = null) =>
        StartAssemblyAsync(ServerAssembly, arguments, environment, listen, port, workingDirectory);

    /// <summary>Like <see cref="StartAsync"/> for another ASP.NET Core app built next to the tests (the web front end).</summary>
    public static async Task<ServerProcess> StartAssemblyAsync(
        string assembly, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, bool listen = true, int port = 0, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost) { WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory };
        start.ArgumentList.Add(assembly);
        if (listen)
        {
            start.ArgumentList.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--urls=http://127.0.0.1:{port}"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = Launch(start, environment, baseAddress: null);
        if (listen)
        {
            var line = await server.WaitForLineAsync(l => ListeningLine().IsMatch(l), TimeSpan.FromSeconds(30));
            server.BaseAddress = new Uri(ListeningLine().Match(line).Groups[1].Value + "/");
        }

        return server;
    }

    /// <summary>
    /// Starts <c>systemd-socket-activate -l 127.0.0.1:PORT</c> with the server as its command: the socket is bound now,
    /// the server is exec'd (same process) on the first connection and finds the socket as fd 3 with LISTEN_FDS=1.
    /// Only the variables in <paramref name="environment"/> (and HOME, PATH) reach the server, as under systemd.
    /// </summary>
    public static Task<ServerProcess> StartSocketActivatedAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var environmentWithRoot = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            environmentWithRoot["DOTNET_ROOT"] = root;
        }

        return StartSocketActivatedCommandAsync([DotnetHost, ServerAssembly, .. arguments], environmentWithRoot);
    }

    /// <summary>Any command (the legacy Python server too) under <c>systemd-socket-activate</c> on a free loopback port.</summary>
    public static async Task<ServerProcess> StartSocketActivatedCommandAsync(IEnumerable<string> command, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("systemd-socket-activate") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add("-l");
        start.ArgumentList.Add($"127.0.0.1:{port}");
        foreach (var (name, value) in environment)
        {
            start.ArgumentList.Add("-E");
            start.ArgumentList.Add($"{name}={value}");
        }

        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        var server = Launch(start, environment: null, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitForLineAsync(l => l.StartsWith("Listening on 127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        return server;
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (predicate(line))
            {
                found.TrySetResult(line);
            }
        }

        LineReceived += Check;
        try
        {
            foreach (var line in _lines)
            {
                Check(line);
            }

            var winner = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
            if (winner == found.Task)
            {
                return await found.Task;
            }

            // The process may have printed the line just before exiting.
            await Task.Delay(100);
            return found.Task.IsCompleted
                ? await found.Task
                : throw new TimeoutException($"No matching line from the server within {timeout} (exited: {_process.HasExited}). Output:\n{Output}");
        }
        finally
        {
            LineReceived -= Check;
        }
    }

    /// <summary>Sends SIGTERM, as systemd stops a unit, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    /// <summary>SIGKILL, as a crash or the OOM killer: no shutdown, no flushing; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ServerProcess Launch(ProcessStartInfo start, IDictionary<string, string>? environment, Uri? baseAddress)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var name in ScrubbedVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Restarter__", StringComparison.Ordinal) || k.StartsWith("Kestrel__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => server.Receive(e.Data);
        process.Exited += (_, _) => server._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        LineReceived?.Invoke(line);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningLine();
}
