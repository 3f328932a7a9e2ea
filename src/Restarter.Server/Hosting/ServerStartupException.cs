namespace Restarter.Server.Hosting;

/// <summary>The server cannot start as configured; the message is one line that says what to change.</summary>
public sealed class ServerStartupException : Exception
{
    public ServerStartupException()
    {
    }

    public ServerStartupException(string message)
        : base(message)
    {
    }

    public ServerStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
