using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>The server with a credential from systemd's $CREDENTIALS_DIRECTORY, as restarter-server.service configures it.</summary>
public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.ServerWithCredential>
{
    private readonly ServerWithCredential _server;

    public AuthenticationTests(ServerWithCredential server)
    {
        _server = server;
        _server.Reset();
    }

    private string UrlWith(string userInfo) => _server.Url.Replace("http://", $"http://{userInfo}@", StringComparison.Ordinal);

    [Fact]
    public async Task Pythons_ServerProxy_with_the_user_and_password_in_the_url_works()
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(UrlWith("restarter:s3cr%3At"), "out(proxy.restart_unit('1234'))");

        Assert.Equal("""{"message": "success", "success": true}""", answer);
        var audit = await _server.Server.WaitForLineAsync(l => l.Contains("unit=example@1234.service", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains(""" user="restarter" identifier="1234" """, audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restarter:wrong")]
    [InlineData("restarter:s3cr%3At2")]
    [InlineData("restarter:s3cr%3A")]
    [InlineData("Restarter:s3cr%3At")]
    [InlineData("other:s3cr%3At")]
    public async Task A_wrong_user_or_password_gets_401_and_restarts_nothing(string userInfo)
    {
        _server.Systemd.AddUnit("example@1234.service");

        var answer = await PythonClient.RunAsync(UrlWith(userInfo), "out(proxy.restart_unit('1234'))");

        Assert.Equal("HTTP 401 Basic realm=\"Restarter\"", answer);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Fact]
    public async Task No_credentials_get_401_with_the_challenge()
    {
        var (status, response, body) = await RawXmlRpc.PostAsync(_server.Server.BaseAddress!, RawXmlRpc.Call("restart_unit", "1234"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Basic realm=\"Restarter\"", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal("", body);
        Assert.Empty(_server.Systemd.Calls);
    }

    [Theory]
    [InlineData("Basic", "not base64!")]
    [InlineData("Basic", "")]
    [InlineData("Bearer", "cmVzdGFydGVyOnMzY3I6dA==")]
    [InlineData("Basic", "cmVzdGFydGVyOnMzY3I6dA")]
    public async Task A_malformed_authorization_header_gets_401(string scheme, string parameter)
    {
        var authorization = parameter.Length == 0 ? new AuthenticationHeaderValue(scheme) : new AuthenticationHeaderValue(scheme, parameter);

        var (status, _, _) = await RawXmlRpc.PostAsync(_server.Server.BaseAddress!, RawXmlRpc.Call("restart_unit", "1234"), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Every_method_and_path_needs_the_credential()
    {
        var list = RawXmlRpc.Call("system.listMethods");
        var good = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("restarter:s3cr:t")));

        var anonymous = await RawXmlRpc.PostAsync(new Uri(_server.Server.BaseAddress!, "/RPC2"), list);
        var authenticated = await RawXmlRpc.PostAsync(new Uri(_server.Server.BaseAddress!, "/RPC2"), list, good);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.OK, authenticated.Status);
        Assert.Contains("<string>restart_unit</string>", authenticated.Body, StringComparison.Ordinal);
    }

    /// <summary>The credential <c>restarter:s3cr:t</c> (a colon in the password, as Basic allows) in a credentials directory.</summary>
    public sealed class ServerWithCredential : ServerOnPrivateBus, IDisposable
    {
        private readonly string _credentials = Directory.CreateTempSubdirectory("restarter-credentials-").FullName;

        public ServerWithCredential() => File.WriteAllText(Path.Combine(_credentials, "restarter-rpc"), "restarter:s3cr:t\n");

        protected override IDictionary<string, string> Environment => new Dictionary<string, string>
        {
            ["CREDENTIALS_DIRECTORY"] = _credentials,
            ["Restarter__BasicAuthCredential"] = "restarter-rpc",
        };

        public void Dispose() => Directory.Delete(_credentials, recursive: true);
    }
}
