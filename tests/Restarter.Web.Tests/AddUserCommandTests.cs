using Microsoft.AspNetCore.Identity;
using Restarter.Web.Users;

namespace Restarter.Web.Tests;

public sealed class AddUserCommandTests : IDisposable
{
    private readonly string _usersFile = Path.Combine(Path.GetTempPath(), $"restarter-users-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task AddsAUser_WithAPasswordHasherHash_AndTheirIds()
    {
        var code = await RunAsync("secret words", "carol", "--ids", "0001, 1234,0001");

        Assert.Equal(0, code);
        var user = Assert.Single(UsersFile.Read(_usersFile).Users);
        Assert.Equal("carol", user.Name);
        Assert.Equal(["0001", "1234"], user.Ids);
        Assert.DoesNotContain("secret", await File.ReadAllTextAsync(_usersFile));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<UserAccount>().VerifyHashedPassword(user, user.PasswordHash, "secret words"));
        Assert.Equal(PasswordVerificationResult.Failed, new PasswordHasher<UserAccount>().VerifyHashedPassword(user, user.PasswordHash, "secret word"));
    }

    [Fact]
    public async Task AddingTheSameNameAgain_ReplacesTheUser()
    {
        await RunAsync("one", "carol", "--ids", "0001");
        await RunAsync("two", "dave", "--ids", "0002");
        await RunAsync("three", "carol", "--ids", "4321");

        var users = UsersFile.Read(_usersFile).Users;
        Assert.Equal(["dave", "carol"], users.Select(u => u.Name));
        Assert.Equal(["4321"], users[1].Ids);
    }

    [Theory]
    [InlineData("pw", "carol", "--ids", "123")]
    [InlineData("pw", "carol", "--ids", "0001,abcd")]
    [InlineData("pw", "carol", "--ids", "")]
    [InlineData("pw", "carol")]
    [InlineData("pw", "--ids", "0001")]
    [InlineData("", "carol", "--ids", "0001")]
    [InlineData("pw", "carol", "--ids", "0001", "--bogus")]
    public async Task BadUsage_Exits2_AndWritesNothing(string password, params string[] args)
    {
        var code = await RunAsync(password, args);

        Assert.Equal(2, code);
        Assert.False(File.Exists(_usersFile));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task UsersFile_IsNotWorldReadable()
    {
        await RunAsync("pw", "carol", "--ids", "0001");

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(_usersFile) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite));
    }

    private Task<int> RunAsync(string password, params string[] args) =>
        AddUserCommand.RunAsync([.. args, "--users-file", _usersFile], null, new StringReader(password + "\n"), TextWriter.Null, TextWriter.Null);

    public void Dispose() => File.Delete(_usersFile);
}
