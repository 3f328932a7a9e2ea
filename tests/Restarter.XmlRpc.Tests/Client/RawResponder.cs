using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Restarter.XmlRpc.Tests.Client;

/// <summary>
/// A real Kestrel server on a loopback port that answers every request with whatever <see cref="Respond"/> writes,
/// and records each request as it arrived (headers, target, body bytes after gzip decoding), so tests can make the
/// answers a well-behaved XML-RPC server never gives.
/// </summary>
public sealed class RawResponder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RawResponder(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Func<HttpContext, Task> Respond { get; set; } = context => WriteXmlAsync(context, Response("<string>ok</string>"));

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public RecordedRequest Last => Requests.Last();

    public static async Task<RawResponder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RawResponder? self = null;
        app.Run(context => self!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        self = new RawResponder(app, new Uri(address));
        return self;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var raw = buffer.ToArray();
        var body = raw;
        if (context.Request.Headers.ContentEncoding == "gzip")
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gzip.CopyToAsync(plain, context.RequestAborted);
            body = plain.ToArray();
        }

        Requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Protocol,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            raw,
            body));
        await Respond(context);
    }

    public static string Response(string valueXml) =>
        "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>" + valueXml + "</value>\n</param>\n</params>\n</methodResponse>\n";

    public static string Fault(int code, string text) =>
        "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>" + code +
        "</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>" + System.Security.SecurityElement.Escape(text) +
        "</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n";

    public static Task WriteXmlAsync(HttpContext context, string xml, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Method, string Target, string Protocol, Dictionary<string, string> Headers, byte[] RawBody, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string BodyText => Encoding.UTF8.GetString(Body);
}
