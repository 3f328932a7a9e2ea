namespace Restarter.Web.Users;

/// <summary>One person who may log in, with the instance ids (e.g. <c>0001</c>) they may restart.</summary>
public sealed record UserAccount(string Name, string PasswordHash, IReadOnlyList<string> Ids)
{
    public bool MayRestart(string identifier) => Ids.Contains(identifier, StringComparer.Ordinal);
}
