namespace Restarter.Server.Authentication;

/// <summary>Finds and reads the credential that <see cref="RestarterOptions.BasicAuthCredential"/> names.</summary>
public static class BasicCredentialFile
{
    /// <summary>
    /// A bare name is a systemd credential, read from <c>$CREDENTIALS_DIRECTORY</c> (<c>LoadCredential=NAME:/etc/...</c>);
    /// anything with a slash is a path.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file cannot be found or read, or does not hold <c>user:password</c>; the message says which.</exception>
    public static BasicCredential Load(string setting, string? credentialsDirectory)
    {
        string path;
        if (setting.Contains('/', StringComparison.Ordinal))
        {
            path = setting;
        }
        else if (string.IsNullOrEmpty(credentialsDirectory))
        {
            throw new InvalidOperationException(
                $"Restarter:BasicAuthCredential names the systemd credential '{setting}', but $CREDENTIALS_DIRECTORY is not set: add LoadCredential={setting}:/etc/restarter/rpc.credential to the unit, or give a path");
        }
        else
        {
            path = Path.Combine(credentialsDirectory, setting);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Restarter:BasicAuthCredential: cannot read {path}: {e.Message}", e);
        }

        try
        {
            return BasicCredential.Parse(text, path);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("Restarter:BasicAuthCredential: " + e.Message, e);
        }
    }
}
