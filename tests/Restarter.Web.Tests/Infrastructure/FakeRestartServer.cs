using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Restarter.Web.Tests.Infrastructure;

/// <summary>
/// A real XML-RPC server on a loopback port, answering the restart server's four methods with canned but well-formed
/// documents (as Python's SimpleXMLRPCServer writes them). A stand-in until interop/ConformanceHost and
/// Restarter.Server are on main. <see cref="Legacy"/> makes it behave like the legacy Python server: only restart_unit.
/// </summary>
public sealed class FakeRestartServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRestartServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public bool Legacy { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>When set, requests without exactly this Authorization header get HTTP 401.</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>When set, the connection is reset after the call is read, as when the server dies mid-call.</summary>
    public bool ResetAfterReading { get; set; }

    /// <summary>When set, every answer is this body (to test malformed answers).</summary>
    public string? RawAnswer { get; set; }

    public string JobResult { get; set; } = "done";

    public List<(string Id, string Active, string Sub, long Pid, string Since)> Units { get; } =
    [
        ("0001", "active", "running", 4242, "2026-11-28T04:00:00Z"),
        ("1234", "failed", "failed", 0, "2026-11-28T03:59:00Z"),
        ("4321", "inactive", "dead", 0, ""),
    ];

    public IEnumerable<RecordedCall> CallsOf(string method) => Calls.Where(c => c.Method == method);

    public static async Task<FakeRestartServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeRestartServer? self = null;
        app.MapPost("/", (HttpContext context) => self!.HandleAsync(context));
        app.MapPost("/RPC2", (HttpContext context) => self!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self = new FakeRestartServer(app, new Uri(address));
        return self;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var document = await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted);
        var method = document.Root!.Element("methodName")!.Value;
        var parameters = document.Root.Element("params")?.Elements("param").Select(p => p.Element("value")!.Value).ToArray() ?? [];
        Calls.Enqueue(new RecordedCall(method, parameters, authorization.Length == 0 ? null : authorization, context.Request.Path));

        if (ResetAfterReading)
        {
            context.Abort();
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (RequiredAuthorization is not null && authorization != RequiredAuthorization)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(RawAnswer ?? Answer(method, parameters), context.RequestAborted);
    }

    private string Answer(string method, string[] parameters)
    {
        if (Legacy && method != "restart_unit")
        {
            return Fault(1, $"<class 'Exception'>:method \"{method}\" is not supported");
        }

        var id = parameters.FirstOrDefault() ?? string.Empty;
        var valid = id.Length == 4 && id.All(char.IsAsciiDigit);
        if (valid && method is "restart_unit" or "restart_unit_and_wait" && Units.FindIndex(u => u.Id == id) is var index and >= 0)
        {
            Units[index] = (id, "active", "running", 5150, "2026-11-28T04:05:00Z");
        }

        return method switch
        {
            "restart_unit" => Response(Struct(("success", Bool(valid)), ("message", Str(Message(id, valid))))),
            "restart_unit_and_wait" => Response(Struct(
                ("success", Bool(valid)), ("message", Str(Message(id, valid))),
                ("job", Str(valid ? "/org/freedesktop/systemd1/job/42" : "")), ("result", Str(valid ? JobResult : "")))),
            "unit_state" when !valid => Fault(1, "<class 'ValueError'>:invalid identifier"),
            "unit_state" => Response(State(Units.FirstOrDefault(u => u.Id == id, (id, "active", "running", 777, "2026-11-28T04:01:00Z")))),
            "list_units" => Response("<array><data>\n" + string.Concat(Units.Select(u => "<value>" + State(u) + "</value>\n")) + "</data></array>"),
            _ => Fault(1, $"<class 'Exception'>:method \"{method}\" is not supported"),
        };
    }

    // "0403" answers as polkit does when the rule is missing; non-ASCII text tests the JSON escaping end to end.
    private static string Message(string id, bool valid) => !valid ? "invalid identifier" : id switch
    {
        "0403" => "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required.",
        "0777" => "Unit example@0777.service not found: “quotes” \\ and \"escapes\"",
        _ => "success",
    };

    private static string State((string Id, string Active, string Sub, long Pid, string Since) u) => Struct(
        ("identifier", Str(u.Id)), ("unit", Str($"example@{u.Id}.service")), ("load_state", Str("loaded")),
        ("active_state", Str(u.Active)), ("sub_state", Str(u.Sub)), ("main_pid", $"<int>{u.Pid}</int>"), ("since", Str(u.Since)));

    private static string Str(string value) => "<string>" + SecurityElement.Escape(value) + "</string>";

    private static string Bool(bool value) => $"<boolean>{(value ? 1 : 0)}</boolean>";

    private static string Struct(params (string Name, string Value)[] members)
    {
        var xml = new StringBuilder("<struct>\n");
        foreach (var (name, value) in members)
        {
            xml.Append("<member>\n<name>").Append(name).Append("</name>\n<value>").Append(value).Append("</value>\n</member>\n");
        }

        return xml.Append("</struct>").ToString();
    }

    private static string Response(string value) =>
        "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + value + "</value>\n</param>\n</params>\n</methodResponse>\n";

    private static string Fault(int code, string text) =>
        "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>" + code +
        "</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>" + SecurityElement.Escape(text) +
        "</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedCall(string Method, string[] Parameters, string? Authorization, string Path = "/");
