using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Tmds.DBus.Protocol;

namespace Restarter.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in for systemd's manager on a private bus, written with Tmds.DBus.Protocol's server side: it owns
/// <c>org.freedesktop.systemd1</c>, answers RestartUnit, GetUnit, ListUnitsByPatterns, Subscribe and Properties.Get/GetAll
/// the way systemd 252 does (including its error names and texts), emits JobRemoved to subscribed clients, and records
/// every call. Like systemd, RestartUnit on an instance that is not loaded starts a brand-new one.
/// </summary>
public sealed class FakeSystemd : IPathMethodHandler, IDisposable
{
    public const string ManagerPath = "/org/freedesktop/systemd1";
    private const string ManagerInterface = "org.freedesktop.systemd1.Manager";
    private const string UnitPathPrefix = "/org/freedesktop/systemd1/unit/";

    private readonly DBusConnection _connection;
    private readonly ConcurrentDictionary<string, byte> _subscribers = new();
    private int _lastJobId;

    private FakeSystemd(DBusConnection connection) => _connection = connection;

    public ConcurrentDictionary<string, FakeUnit> Units { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>An error to answer instead of the normal reply: (error name, error message), or null.</summary>
    public Func<RecordedCall, (string Name, string Message)?> Fail { get; set; } = _ => null;

    /// <summary>How long to wait before replying.</summary>
    public Func<RecordedCall, TimeSpan> ReplyDelay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>The result JobRemoved reports for a unit, or null to never finish the job.</summary>
    public Func<string, string?> JobResult { get; set; } = _ => "done";

    public TimeSpan JobDuration { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Which names have unit files, so that RestartUnit can load (and start) them.</summary>
    public Func<string, bool> UnitFileExists { get; set; } = name => name.StartsWith("example@", StringComparison.Ordinal) && name.EndsWith(".service", StringComparison.Ordinal);

    public string Path => ManagerPath;

    public bool HandlesChildPaths => true;

    public IEnumerable<RecordedCall> CallsOf(string member) => Calls.Where(c => c.Member == member);

    public static async Task<FakeSystemd> StartAsync(string address)
    {
        var connection = new DBusConnection(address);
        await connection.ConnectAsync();
        var systemd = new FakeSystemd(connection);
        connection.AddMethodHandler(systemd);
        await connection.RequestNameAsync("org.freedesktop.systemd1", RequestNameOptions.None);
        return systemd;
    }

    public FakeUnit AddUnit(string name, string activeState = "active", string subState = "running")
    {
        var unit = new FakeUnit(name) { ActiveState = activeState, SubState = subState, MainPid = activeState == "active" ? 4242u : 0u };
        Units[name] = unit;
        return unit;
    }

    /// <summary>systemd's bus_label_escape: every byte but ASCII letters and digits (and a leading digit) becomes _xx.</summary>
    public static string UnitPath(string unit)
    {
        var builder = new StringBuilder(UnitPathPrefix);
        var bytes = Encoding.UTF8.GetBytes(unit);
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            if (char.IsAsciiLetter(c) || (i > 0 && char.IsAsciiDigit(c)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_').Append(bytes[i].ToString("x2"));
            }
        }

        return builder.ToString();
    }

    public async ValueTask HandleMethodAsync(MethodContext context)
    {
        var request = context.Request;
        var call = new RecordedCall(request.SenderAsString ?? "", request.PathAsString ?? "", request.InterfaceAsString ?? "", request.MemberAsString ?? "", ReadStringArguments(request));
        Calls.Enqueue(call);

        var delay = ReplyDelay(call);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        if (Fail(call) is { } error)
        {
            context.ReplyError(error.Name, error.Message);
            return;
        }

        switch ((call.Interface, call.Member))
        {
            case (ManagerInterface, "RestartUnit"):
                RestartUnit(context, call.Arguments[0]);
                break;
            case (ManagerInterface, "GetUnit"):
                if (Units.ContainsKey(call.Arguments[0]))
                {
                    ReplyObjectPath(context, UnitPath(call.Arguments[0]));
                }
                else
                {
                    context.ReplyError("org.freedesktop.systemd1.NoSuchUnit", $"Unit {call.Arguments[0]} not loaded.");
                }

                break;
            case (ManagerInterface, "ListUnitsByPatterns"):
                var body = request.GetBodyReader();
                body.ReadArrayOfString();
                ListUnitsByPatterns(context, body.ReadArrayOfString());
                break;
            case (ManagerInterface, "Subscribe"):
                if (_subscribers.TryAdd(call.Sender, 0))
                {
                    using var writer = context.CreateReplyWriter(null);
                    context.Reply(writer.CreateMessage());
                }
                else
                {
                    context.ReplyError("org.freedesktop.systemd1.AlreadySubscribed", "Client is already subscribed.");
                }

                break;
            case ("org.freedesktop.DBus.Properties", "Get"):
                GetProperty(context, call.Path, call.Arguments[0], call.Arguments[1]);
                break;
            case ("org.freedesktop.DBus.Properties", "GetAll"):
                GetAllProperties(context, call.Path, call.Arguments[0]);
                break;
            default:
                context.ReplyUnknownMethodError();
                break;
        }
    }

    private void RestartUnit(MethodContext context, string name)
    {
        if (!Units.TryGetValue(name, out var unit))
        {
            if (!UnitFileExists(name))
            {
                context.ReplyError("org.freedesktop.systemd1.NoSuchUnit", $"Unit {name} not found.");
                return;
            }

            unit = AddUnit(name, "inactive", "dead");
        }

        var id = (uint)Interlocked.Increment(ref _lastJobId);
        var job = $"/org/freedesktop/systemd1/job/{id}";
        ReplyObjectPath(context, job);
        _ = FinishJobAsync(id, job, unit);
    }

    private async Task FinishJobAsync(uint id, string job, FakeUnit unit)
    {
        var result = JobResult(unit.Name);
        if (result is null)
        {
            return;
        }

        await Task.Delay(JobDuration);
        if (result == "done")
        {
            unit.ActiveState = "active";
            unit.SubState = "running";
            unit.MainPid = 5000 + id;
        }

        if (_subscribers.IsEmpty)
        {
            return;
        }

        using var writer = _connection.GetMessageWriter();
        writer.WriteSignalHeader(null, ManagerPath, ManagerInterface, "JobRemoved", "uoss");
        writer.WriteUInt32(id);
        writer.WriteObjectPath(job);
        writer.WriteString(unit.Name);
        writer.WriteString(result);
        _connection.TrySendMessage(writer.CreateMessage());
    }

    private void ListUnitsByPatterns(MethodContext context, IReadOnlyList<string> patterns)
    {
        var regexes = patterns.Select(p => new Regex("^" + Regex.Escape(p).Replace("\\*", ".*").Replace("\\?", ".") + "$")).ToList();
        using var writer = context.CreateReplyWriter("a(ssssssouso)");
        var array = writer.WriteArrayStart(DBusType.Struct);
        foreach (var unit in Units.Values.Where(u => regexes.Count == 0 || regexes.Any(r => r.IsMatch(u.Name))).OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            writer.WriteStructureStart();
            writer.WriteString(unit.Name);
            writer.WriteString("Example instance " + unit.Name);
            writer.WriteString(unit.LoadState);
            writer.WriteString(unit.ActiveState);
            writer.WriteString(unit.SubState);
            writer.WriteString("");
            writer.WriteObjectPath(UnitPath(unit.Name));
            writer.WriteUInt32(0);
            writer.WriteString("");
            writer.WriteObjectPath("/");
        }

        writer.WriteArrayEnd(array);
        context.Reply(writer.CreateMessage());
    }

    // Decodes the path rather than escaping every unit's name: tests load thousands of units.
    private FakeUnit? UnitAt(string path) =>
        UnitNameOf(path) is { } name && Units.TryGetValue(name, out var unit) && UnitPath(unit.Name) == path ? unit : null;

    /// <summary>The inverse of <see cref="UnitPath"/>; null for a path that is not a unit's.</summary>
    private static string? UnitNameOf(string path)
    {
        if (!path.StartsWith(UnitPathPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var label = path.AsSpan(UnitPathPrefix.Length);
        var bytes = new List<byte>(label.Length);
        for (var i = 0; i < label.Length; i++)
        {
            if (label[i] != '_')
            {
                bytes.Add((byte)label[i]);
            }
            else if (i + 2 < label.Length && byte.TryParse(label.Slice(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var escaped))
            {
                bytes.Add(escaped);
                i += 2;
            }
            else
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private void GetProperty(MethodContext context, string path, string @interface, string property)
    {
        if (UnitAt(path) is not { } unit)
        {
            context.ReplyError("org.freedesktop.DBus.Error.UnknownObject", $"Unknown object '{path}'.");
            return;
        }

        if (!Properties(unit, @interface).TryGetValue(property, out var value))
        {
            context.ReplyError("org.freedesktop.DBus.Error.UnknownProperty", $"Unknown interface {@interface} or property {property}.");
            return;
        }

        using var writer = context.CreateReplyWriter("v");
        writer.WriteVariant(value);
        context.Reply(writer.CreateMessage());
    }

    private void GetAllProperties(MethodContext context, string path, string @interface)
    {
        if (UnitAt(path) is not { } unit)
        {
            context.ReplyError("org.freedesktop.DBus.Error.UnknownObject", $"Unknown object '{path}'.");
            return;
        }

        using var writer = context.CreateReplyWriter("a{sv}");
        var dictionary = writer.WriteDictionaryStart();
        foreach (var (name, value) in Properties(unit, @interface))
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteVariant(value);
        }

        writer.WriteDictionaryEnd(dictionary);
        context.Reply(writer.CreateMessage());
    }

    private static Dictionary<string, VariantValue> Properties(FakeUnit unit, string @interface) => @interface switch
    {
        "org.freedesktop.systemd1.Unit" => new()
        {
            ["Id"] = VariantValue.String(unit.Name),
            ["LoadState"] = VariantValue.String(unit.LoadState),
            ["ActiveState"] = VariantValue.String(unit.ActiveState),
            ["SubState"] = VariantValue.String(unit.SubState),
            ["StateChangeTimestamp"] = VariantValue.UInt64(unit.StateChangeTimestamp),
        },
        "org.freedesktop.systemd1.Service" when unit.Name.EndsWith(".service", StringComparison.Ordinal) => new()
        {
            ["MainPID"] = VariantValue.UInt32(unit.MainPid),
        },
        _ => new(),
    };

    private static void ReplyObjectPath(MethodContext context, string path)
    {
        using var writer = context.CreateReplyWriter("o");
        writer.WriteObjectPath(path);
        context.Reply(writer.CreateMessage());
    }

    /// <summary>The string arguments of a call (and each element of string arrays), for the record.</summary>
    private static List<string> ReadStringArguments(Message request)
    {
        var arguments = new List<string>();
        var reader = request.GetBodyReader();
        var signature = request.SignatureAsString ?? "";
        for (var i = 0; i < signature.Length; i++)
        {
            if (signature[i] == 's')
            {
                arguments.Add(reader.ReadString());
            }
            else if (signature[i] == 'a' && i + 1 < signature.Length && signature[i + 1] == 's')
            {
                arguments.AddRange(reader.ReadArrayOfString());
                i++;
            }
            else
            {
                break;
            }
        }

        return arguments;
    }

    public void Dispose() => _connection.Dispose();
}
