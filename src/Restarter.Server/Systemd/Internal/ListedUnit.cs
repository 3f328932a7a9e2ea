namespace Restarter.Server.Systemd.Internal;

/// <summary>One row of <c>ListUnitsByPatterns</c>.</summary>
internal readonly record struct ListedUnit(string Name, string LoadState, string ActiveState, string SubState, string Path);
