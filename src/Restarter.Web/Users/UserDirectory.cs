using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Restarter.Web.Users;

/// <summary>
/// The users file, read again whenever it changes on disk (so <c>adduser</c> takes effect without a restart),
/// and password checks (no users file: nobody is found) with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.
/// </summary>
public sealed partial class UserDirectory
{
    private readonly string? _path;
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly ILogger<UserDirectory> _logger;
    private readonly Lock _gate = new();
    private readonly string _decoyHash;
    private Snapshot _snapshot = new(DateTime.MinValue, -1, new Dictionary<string, UserAccount>(StringComparer.Ordinal));

    public UserDirectory(IOptions<RestarterWebOptions> options, ILogger<UserDirectory> logger)
    {
        _path = string.IsNullOrWhiteSpace(options.Value.UsersFile) ? null : options.Value.UsersFile;
        _logger = logger;
        _decoyHash = _hasher.HashPassword(new UserAccount(string.Empty, string.Empty, []), Guid.NewGuid().ToString());
    }

    public UserAccount? Find(string name) => Current().TryGetValue(name, out var user) ? user : null;

    /// <summary>The account when the password matches; null otherwise. Unknown names cost as much as wrong passwords.</summary>
    public UserAccount? Authenticate(string name, string password)
    {
        var user = Find(name);
        if (user is null)
        {
            _hasher.VerifyHashedPassword(new UserAccount(name, _decoyHash, []), _decoyHash, password);
            return null;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    private Dictionary<string, UserAccount> Current()
    {
        if (_path is null)
        {
            return _snapshot.Users;
        }

        var info = new FileInfo(_path);
        var (written, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Written == written && snapshot.Length == length)
        {
            return snapshot.Users;
        }

        lock (_gate)
        {
            var users = new Dictionary<string, UserAccount>(StringComparer.Ordinal);
            try
            {
                foreach (var user in UsersFile.Read(_path).Users)
                {
                    users[user.Name] = user;
                }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                LogUnreadable(_path, e.Message);
            }

            Volatile.Write(ref _snapshot, new Snapshot(written, length, users));
            return users;
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Users file {Path} cannot be read; nobody can log in: {Reason}")]
    private partial void LogUnreadable(string path, string reason);

    private sealed record Snapshot(DateTime Written, long Length, Dictionary<string, UserAccount> Users);
}
