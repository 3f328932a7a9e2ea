namespace Restarter.Web.Users;

/// <summary>The instance identifier the server accepts: exactly four ASCII digits (<c>example@NNNN.service</c>).</summary>
public static class InstanceId
{
    public static bool IsValid(string? identifier) =>
        identifier is { Length: 4 } && identifier.All(char.IsAsciiDigit);
}
