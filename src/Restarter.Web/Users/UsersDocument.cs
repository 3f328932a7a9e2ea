using System.Text.Json.Serialization;

namespace Restarter.Web.Users;

/// <summary>The users file: <c>{"users": [{"name": ..., "passwordHash": ..., "ids": [...]}]}</c>.</summary>
public sealed class UsersDocument
{
    public List<UserAccount> Users { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(UsersDocument))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;
