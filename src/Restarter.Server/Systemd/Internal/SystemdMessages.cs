using Tmds.DBus.Protocol;

namespace Restarter.Server.Systemd.Internal;

/// <summary>
/// The messages of systemd's D-Bus API that we send, and readers for their replies. Builders are synchronous because a
/// <see cref="MessageWriter"/> cannot live across an <c>await</c>.
/// </summary>
internal static class SystemdMessages
{
    public const string Destination = "org.freedesktop.systemd1";
    public const string ManagerPath = "/org/freedesktop/systemd1";
    public const string ManagerInterface = "org.freedesktop.systemd1.Manager";
    public const string UnitInterface = "org.freedesktop.systemd1.Unit";
    public const string ServiceInterface = "org.freedesktop.systemd1.Service";
    public const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    public const string JobRemovedSignal = "JobRemoved";

    public static MessageBuffer RestartUnit(DBusConnection connection, string unit, string mode)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, ManagerPath, ManagerInterface, "RestartUnit", "ss");
        writer.WriteString(unit);
        writer.WriteString(mode);
        return writer.CreateMessage();
    }

    /// <summary><c>GetUnit</c> answers only for a loaded unit and never loads or starts one (unlike <c>LoadUnit</c>).</summary>
    public static MessageBuffer GetUnit(DBusConnection connection, string unit)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, ManagerPath, ManagerInterface, "GetUnit", "s");
        writer.WriteString(unit);
        return writer.CreateMessage();
    }

    public static MessageBuffer ListUnitsByPatterns(DBusConnection connection, string pattern)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, ManagerPath, ManagerInterface, "ListUnitsByPatterns", "asas");
        writer.WriteArray(Array.Empty<string>());
        writer.WriteArray(new[] { pattern });
        return writer.CreateMessage();
    }

    /// <summary>Without <c>Subscribe</c> systemd emits no job signals to this client.</summary>
    public static MessageBuffer Subscribe(DBusConnection connection)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, ManagerPath, ManagerInterface, "Subscribe");
        return writer.CreateMessage();
    }

    public static MessageBuffer GetProperty(DBusConnection connection, string path, string @interface, string property)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, path, PropertiesInterface, "Get", "ss");
        writer.WriteString(@interface);
        writer.WriteString(property);
        return writer.CreateMessage();
    }

    public static string ReadObjectPath(Message message, object? state) => message.GetBodyReader().ReadObjectPathAsString();

    public static VariantValue ReadVariant(Message message, object? state) => message.GetBodyReader().ReadVariantValue();

    /// <summary><c>a(ssssssouso)</c>: name, description, load, active, sub state, following, path, job id, job type, job path.</summary>
    public static List<ListedUnit> ReadUnitList(Message message, object? state)
    {
        var reader = message.GetBodyReader();
        var units = new List<ListedUnit>();
        var end = reader.ReadArrayStart(DBusType.Struct);
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var name = reader.ReadString();
            reader.ReadString();
            var load = reader.ReadString();
            var active = reader.ReadString();
            var sub = reader.ReadString();
            reader.ReadString();
            var path = reader.ReadObjectPathAsString();
            reader.ReadUInt32();
            reader.ReadString();
            reader.ReadObjectPath();
            units.Add(new ListedUnit(name, load, active, sub, path));
        }

        return units;
    }

    /// <summary><c>JobRemoved(u id, o job, s unit, s result)</c>.</summary>
    public static JobRemoved ReadJobRemoved(Message message, object? state)
    {
        var reader = message.GetBodyReader();
        reader.ReadUInt32();
        var job = reader.ReadObjectPathAsString();
        var unit = reader.ReadString();
        var result = reader.ReadString();
        return new JobRemoved(job, unit, result);
    }
}
