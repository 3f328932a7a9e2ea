using System.Text.Json;

namespace Restarter.Web.Users;

/// <summary>Reads and writes the users file (JSON, source-generated serialization).</summary>
public static class UsersFile
{
    public static UsersDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            return new UsersDocument();
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, UsersJsonContext.Default.UsersDocument) ?? new UsersDocument();
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static void Write(string path, UsersDocument document)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, document, UsersJsonContext.Default.UsersDocument);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
