namespace Restarter.Server.Systemd.Internal;

/// <summary>The <c>JobRemoved</c> signal: a job finished with a result.</summary>
internal readonly record struct JobRemoved(string JobPath, string Unit, string Result);
