namespace Restarter.Web;

/// <summary>
/// Settings of the web front end, bound from the configuration section <c>Restarter</c>
/// (e.g. the environment variable <c>Restarter__UsersFile</c>). The legacy variable <c>RPC_SERVER</c> still works:
/// it is used when <see cref="RpcServer"/> is not set.
/// </summary>
public sealed class RestarterWebOptions
{
    public const string SectionName = "Restarter";

    /// <summary>The XML-RPC server, e.g. <c>http://10.0.0.2:8081</c>; Basic credentials may be in the user info.</summary>
    public string? RpcServer { get; set; }

    /// <summary>
    /// Name of the systemd credential (a file in <c>$CREDENTIALS_DIRECTORY</c>) holding <c>user:password</c> for the
    /// RPC server, used when <see cref="RpcServer"/> carries none.
    /// </summary>
    public string RpcCredentialName { get; set; } = "rpc-credentials";

    /// <summary>How long one call may take (connecting included) before the page answers 504.</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <c>restart_unit_and_wait</c> may wait for systemd's job; added to <see cref="RpcTimeout"/> for that call.</summary>
    public int RestartWaitSeconds { get; set; } = 30;

    /// <summary>A JSON users file (see <c>adduser</c>); when set, login is required and each user restarts only their ids.</summary>
    public string? UsersFile { get; set; }

    /// <summary>Where the cookie keys persist across restarts (e.g. the unit's StateDirectory); in memory when unset.</summary>
    public string? DataProtectionKeysDirectory { get; set; }

    public bool LoginEnabled => !string.IsNullOrWhiteSpace(UsersFile);
}
