namespace Restarter.Server.Systemd;

/// <summary>The bus on which the systemd manager is called.</summary>
public enum SystemdBus
{
    /// <summary>The system bus: PID 1's manager, guarded by polkit. Production.</summary>
    System,

    /// <summary>The user's session bus: the per-user manager (<c>systemctl --user</c>), for a developer's desktop.</summary>
    Session,
}
