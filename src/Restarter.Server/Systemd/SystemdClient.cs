using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Restarter.Server.Systemd.Internal;
using Tmds.DBus.Protocol;

namespace Restarter.Server.Systemd;

/// <summary>
/// The few calls we make to systemd's manager over D-Bus, on one shared connection (see <see cref="SharedBusConnection"/>).
/// Calls are independent: none waits for another, each has <see cref="RestarterOptions.CallTimeout"/>, and every failure is
/// a <see cref="SystemdCallException"/> whose message is what python-dbus prints.
/// </summary>
public sealed partial class SystemdClient : IDisposable
{
    private readonly SharedBusConnection _bus;
    private readonly TimeSpan _callTimeout;
    private readonly SemaphoreSlim _callSlots;
    private readonly ILogger<SystemdClient> _logger;

    public SystemdClient(IOptions<RestarterOptions> options, ILogger<SystemdClient> logger)
    {
        var settings = options.Value;
        _callTimeout = settings.CallTimeout;
        _callSlots = new SemaphoreSlim(settings.MaxCallsInFlight, settings.MaxCallsInFlight);
        _logger = logger;
        _bus = new SharedBusConnection(() => ResolveAddress(settings), settings.CallTimeout, logger);
    }

    /// <summary><c>RestartUnit(unit, mode)</c>: queues a restart job and returns its object path.</summary>
    public async Task<string> RestartUnitAsync(string unit, string mode, CancellationToken cancellationToken = default)
    {
        var bus = await GetBusAsync(cancellationToken).ConfigureAwait(false);
        return await CallAsync(bus, SystemdMessages.RestartUnit(bus.Connection, unit, mode), SystemdMessages.ReadObjectPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The state of <paramref name="unit"/>; a unit systemd has not loaded is reported as <see cref="UnitState.NotLoaded"/>.</summary>
    public async Task<UnitState> GetUnitStateAsync(string unit, CancellationToken cancellationToken = default)
    {
        var bus = await GetBusAsync(cancellationToken).ConfigureAwait(false);
        string path;
        try
        {
            path = await CallAsync(bus, SystemdMessages.GetUnit(bus.Connection, unit), SystemdMessages.ReadObjectPath, cancellationToken).ConfigureAwait(false);
        }
        catch (SystemdCallException e) when (e.ErrorName == DBusErrorTexts.NoSuchUnit)
        {
            return UnitState.NotLoaded(unit);
        }

        var loadState = GetStringPropertyAsync(bus, path, SystemdMessages.UnitInterface, "LoadState", cancellationToken);
        var activeState = GetStringPropertyAsync(bus, path, SystemdMessages.UnitInterface, "ActiveState", cancellationToken);
        var subState = GetStringPropertyAsync(bus, path, SystemdMessages.UnitInterface, "SubState", cancellationToken);
        var mainPid = GetMainPidAsync(bus, unit, path, cancellationToken);
        var since = GetSinceAsync(bus, path, cancellationToken);
        return new UnitState(unit, await loadState.ConfigureAwait(false), await activeState.ConfigureAwait(false),
            await subState.ConfigureAwait(false), await mainPid.ConfigureAwait(false), await since.ConfigureAwait(false));
    }

    /// <summary>Only the <c>ActiveState</c> of <paramref name="unit"/> (<c>inactive</c> when systemd has not loaded it): two calls, nothing loaded or started.</summary>
    public async Task<string> GetActiveStateAsync(string unit, CancellationToken cancellationToken = default)
    {
        var bus = await GetBusAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = await CallAsync(bus, SystemdMessages.GetUnit(bus.Connection, unit), SystemdMessages.ReadObjectPath, cancellationToken).ConfigureAwait(false);
            return await GetStringPropertyAsync(bus, path, SystemdMessages.UnitInterface, "ActiveState", cancellationToken).ConfigureAwait(false);
        }
        catch (SystemdCallException e) when (e.ErrorName == DBusErrorTexts.NoSuchUnit)
        {
            return UnitState.NotLoaded(unit).ActiveState;
        }
    }

    /// <summary>The loaded units whose names match the glob <paramref name="pattern"/> (<c>ListUnitsByPatterns</c>), with their states.</summary>
    public async Task<IReadOnlyList<UnitState>> ListUnitsAsync(string pattern, CancellationToken cancellationToken = default)
    {
        var bus = await GetBusAsync(cancellationToken).ConfigureAwait(false);
        var listed = await CallAsync(bus, SystemdMessages.ListUnitsByPatterns(bus.Connection, pattern), SystemdMessages.ReadUnitList, cancellationToken).ConfigureAwait(false);
        var states = listed.Select(async unit => new UnitState(
            unit.Name,
            unit.LoadState,
            unit.ActiveState,
            unit.SubState,
            await GetMainPidAsync(bus, unit.Name, unit.Path, cancellationToken).ConfigureAwait(false),
            await GetSinceAsync(bus, unit.Path, cancellationToken).ConfigureAwait(false)));
        return await Task.WhenAll(states).ConfigureAwait(false);
    }

    /// <summary>
    /// Restarts <paramref name="unit"/> and waits up to <paramref name="wait"/> for systemd's <c>JobRemoved</c> result.
    /// The signal is subscribed to before the restart is asked for, so a fast job cannot finish unseen.
    /// </summary>
    public async Task<RestartJobOutcome> RestartUnitAndWaitAsync(string unit, string mode, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var bus = await GetBusAsync(cancellationToken).ConfigureAwait(false);
        await bus.EnsureSubscribedAsync(() => SubscribeAsync(bus)).WaitAsync(cancellationToken).ConfigureAwait(false);

        var removed = Channel.CreateUnbounded<JobRemoved>(new UnboundedChannelOptions { SingleReader = true });
        using var watch = await bus.Connection.WatchSignalAsync(
            SystemdMessages.Destination,
            SystemdMessages.ManagerPath,
            SystemdMessages.ManagerInterface,
            SystemdMessages.JobRemovedSignal,
            SystemdMessages.ReadJobRemoved,
            (Notification<JobRemoved> notification) =>
            {
                if (!notification.HasValue)
                {
                    removed.Writer.TryComplete(notification.CompletionReason);
                }
                else if (notification.Value.Unit == unit)
                {
                    removed.Writer.TryWrite(notification.Value);
                }
            },
            ObserverFlags.EmitOnConnectionClosed | ObserverFlags.EmitOnReaderFailed,
            emitOnCapturedContext: false).AsTask().WaitAsync(_callTimeout, cancellationToken).ConfigureAwait(false);

        _ = bus.Closed.ContinueWith(
            static (closed, writer) => ((ChannelWriter<JobRemoved>)writer!).TryComplete(closed.Result ?? new DBusConnectionClosedException("Connection closed")),
            removed.Writer,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        var job = await CallAsync(bus, SystemdMessages.RestartUnit(bus.Connection, unit, mode), SystemdMessages.ReadObjectPath, cancellationToken).ConfigureAwait(false);

        using var waitLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waitLimit.CancelAfter(wait);
        try
        {
            await foreach (var jobRemoved in removed.Reader.ReadAllAsync(waitLimit.Token).ConfigureAwait(false))
            {
                if (jobRemoved.JobPath == job)
                {
                    return new RestartJobOutcome(job, jobRemoved.Result);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RestartJobOutcome(job, RestartJobOutcome.WaitTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new RestartJobOutcome(job, RestartJobOutcome.WaitTimeout, DBusErrorTexts.Disconnected(e).Message);
        }

        return new RestartJobOutcome(job, RestartJobOutcome.WaitTimeout, DBusErrorTexts.Disconnected().Message);
    }

    public void Dispose()
    {
        _bus.Dispose();
        _callSlots.Dispose();
    }

    private async Task SubscribeAsync(LiveBusConnection bus)
    {
        try
        {
            await CallAsync(bus, SystemdMessages.Subscribe(bus.Connection), static (_, _) => true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SystemdCallException e) when (e.ErrorName == DBusErrorTexts.AlreadySubscribed)
        {
        }
    }

    private async Task<string> GetStringPropertyAsync(LiveBusConnection bus, string path, string @interface, string property, CancellationToken cancellationToken)
    {
        var value = await CallAsync(bus, SystemdMessages.GetProperty(bus.Connection, path, @interface, property), SystemdMessages.ReadVariant, cancellationToken).ConfigureAwait(false);
        return value.GetString();
    }

    private async Task<uint> GetMainPidAsync(LiveBusConnection bus, string unit, string path, CancellationToken cancellationToken)
    {
        if (!unit.EndsWith(".service", StringComparison.Ordinal))
        {
            return 0;
        }

        var value = await CallAsync(bus, SystemdMessages.GetProperty(bus.Connection, path, SystemdMessages.ServiceInterface, "MainPID"), SystemdMessages.ReadVariant, cancellationToken).ConfigureAwait(false);
        return value.GetUInt32();
    }

    /// <summary><c>StateChangeTimestamp</c>: microseconds since the epoch, 0 when unknown.</summary>
    private async Task<DateTimeOffset?> GetSinceAsync(LiveBusConnection bus, string path, CancellationToken cancellationToken)
    {
        var value = await CallAsync(bus, SystemdMessages.GetProperty(bus.Connection, path, SystemdMessages.UnitInterface, "StateChangeTimestamp"), SystemdMessages.ReadVariant, cancellationToken).ConfigureAwait(false);
        var microseconds = value.GetUInt64();
        return microseconds is 0 or > (ulong)long.MaxValue / 10
            ? null
            : DateTimeOffset.UnixEpoch.AddTicks((long)microseconds * 10);
    }

    private async Task<LiveBusConnection> GetBusAsync(CancellationToken cancellationToken) =>
        await _bus.GetAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// One method call with the call timeout. At most <see cref="RestarterOptions.MaxCallsInFlight"/> calls are in flight on
    /// the shared connection: dbus-daemon refuses more than 128 pending replies per connection on the system bus
    /// (<c>max_replies_per_connection</c>), so the excess waits for a free slot instead of failing with LimitsExceeded.
    /// </summary>
    private async Task<T> CallAsync<T>(LiveBusConnection bus, MessageBuffer message, MessageValueReader<T> reader, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var slot = false;
        try
        {
            slot = await _callSlots.WaitAsync(_callTimeout, cancellationToken).ConfigureAwait(false);
            if (!slot)
            {
                throw new TimeoutException();
            }

            var remaining = _callTimeout - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            return await bus.Connection.CallMethodAsync(message, reader).WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(bus, e) is { } failure)
        {
            throw failure;
        }
        finally
        {
            if (slot)
            {
                _callSlots.Release();
            }
        }
    }

    private SystemdCallException? Translate(LiveBusConnection bus, Exception e)
    {
        var failure = e switch
        {
            DBusErrorReplyException reply => DBusErrorTexts.FromErrorReply(reply),
            TimeoutException => DBusErrorTexts.NoReply(e),
            DBusConnectionException or ObjectDisposedException => DBusErrorTexts.Disconnected(e),
            _ => null,
        };
        if (failure is not null && failure.ErrorName != DBusErrorTexts.NoSuchUnit)
        {
            LogCallFailed(bus.Address, failure.Message);
        }

        return failure;
    }

    private static string ResolveAddress(RestarterOptions settings)
    {
        if (!string.IsNullOrEmpty(settings.BusAddress))
        {
            return settings.BusAddress;
        }

        if (settings.Bus == SystemdBus.System)
        {
            var system = Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS");
            return string.IsNullOrEmpty(system) ? BusAddressParser.DefaultSystemBusAddress : system;
        }

        var session = Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (!string.IsNullOrEmpty(session))
        {
            return session;
        }

        // libdbus's fallback before autolaunch: the per-user bus socket in $XDG_RUNTIME_DIR.
        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtimeDirectory) && File.Exists(Path.Combine(runtimeDirectory, "bus")))
        {
            return "unix:path=" + Path.Combine(runtimeDirectory, "bus");
        }

        throw DBusErrorTexts.NoSessionBus();
    }
}
