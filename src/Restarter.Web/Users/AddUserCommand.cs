using Microsoft.AspNetCore.Identity;

namespace Restarter.Web.Users;

/// <summary>
/// <c>Restarter.Web adduser NAME --ids 0001,1234 [--users-file PATH]</c>: reads the password from the first line of
/// standard input, hashes it with <see cref="PasswordHasher{TUser}"/> and adds or replaces the user in the users file.
/// </summary>
public static class AddUserCommand
{
    public const string Name = "adduser";

    public const string Usage = "usage: Restarter.Web adduser NAME --ids 0001,1234 [--users-file PATH]   (password on standard input)";

    /// <returns>The process exit code: 0 on success, 2 on bad usage.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string? configuredUsersFile, TextReader input, TextWriter output, TextWriter error)
    {
        string? name = null;
        string? ids = null;
        var usersFile = configuredUsersFile;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--ids" when i + 1 < args.Count: ids = args[++i]; break;
                case "--users-file" when i + 1 < args.Count: usersFile = args[++i]; break;
                case var a when !a.StartsWith('-') && name is null: name = a; break;
                default:
                    await error.WriteLineAsync($"adduser: unexpected argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(name) || ids is null)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (string.IsNullOrWhiteSpace(usersFile))
        {
            await error.WriteLineAsync("adduser: no users file: pass --users-file PATH or set Restarter__UsersFile.");
            return 2;
        }

        var idList = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var invalid = idList.Where(id => !InstanceId.IsValid(id)).ToList();
        if (idList.Count == 0 || invalid.Count > 0)
        {
            await error.WriteLineAsync($"adduser: ids must be four digits each, e.g. --ids 0001,1234 (not: {string.Join(", ", invalid)})");
            return 2;
        }

        var password = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("adduser: no password on standard input (e.g. `echo 'secret' | Restarter.Web adduser ...`)");
            return 2;
        }

        var document = UsersFile.Read(usersFile);
        var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount(name, string.Empty, idList), password);
        document.Users.RemoveAll(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        document.Users.Add(new UserAccount(name, hash, idList));
        UsersFile.Write(usersFile, document);
        await output.WriteLineAsync($"adduser: {name} may restart {string.Join(", ", idList)} ({usersFile})");
        return 0;
    }
}
