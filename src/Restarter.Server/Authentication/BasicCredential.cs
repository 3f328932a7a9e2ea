using System.Security.Cryptography;
using System.Text;

namespace Restarter.Server.Authentication;

/// <summary>
/// The one <c>user:password</c> pair the server accepts. Only its SHA-256 is kept; a presented pair is hashed and compared
/// with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the length nor the first differing byte of the
/// secret leaks through timing.
/// </summary>
public sealed class BasicCredential
{
    private readonly byte[] _hash;

    private BasicCredential(string user, byte[] hash)
    {
        User = user;
        _hash = hash;
    }

    public string User { get; }

    /// <summary>Parses <c>user:password</c> (one trailing newline allowed, as <c>echo</c> writes it).</summary>
    /// <exception cref="FormatException">The text is not <c>user:password</c> with both parts non-empty.</exception>
    public static BasicCredential Parse(string text, string source)
    {
        var pair = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == pair.Length - 1 || pair.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new FormatException($"the credential {source} must hold one line 'user:password' with a non-empty user and password");
        }

        return new BasicCredential(pair[..colon], SHA256.HashData(Encoding.UTF8.GetBytes(pair)));
    }

    /// <summary>Whether <paramref name="presented"/> (the decoded bytes of a Basic header) is exactly this pair.</summary>
    public bool Matches(ReadOnlySpan<byte> presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(presented, hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }
}
