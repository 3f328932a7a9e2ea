namespace Restarter.Server.Authentication;

/// <summary>The names of the server's HTTP Basic authentication.</summary>
public static class BasicAuthenticationDefaults
{
    public const string Scheme = "Basic";

    public const string Realm = "Restarter";

    /// <summary>The challenge of a 401, which Python's <c>ServerProxy</c> and browsers understand.</summary>
    public const string Challenge = "Basic realm=\"" + Realm + "\"";
}
