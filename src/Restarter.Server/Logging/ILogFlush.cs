namespace Restarter.Server.Logging;

/// <summary>Waits until the log records written so far have left the process (reached the journal's socket or a pipe).</summary>
public interface ILogFlush
{
    Task FlushAsync();
}
