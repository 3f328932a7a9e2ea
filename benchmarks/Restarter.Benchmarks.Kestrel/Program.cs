
// Kestrel answering a canned XML-RPC response without parsing: the request body is read to its end (any server must
// take it off the wire) and thrown away, and the answer is fixed bytes. Whatever this does per second on a core is
// the most any XML-RPC server on ASP.NET Core can do there. A body over 1 KB gets the echo answer, anything else the
// restart_unit one; which restart_unit answer is chosen on the command line (--restart-response NAME, a file name
// under payloads/ without .response.xml), so that e2e.sh checks it like every other server.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

var payloads = Path.Combine(AppContext.BaseDirectory, "payloads");
var restartName = builder.Configuration["restart-response"] ?? "restart_unit_invalid";
var restartResponse = File.ReadAllBytes(Path.Combine(payloads, restartName + ".response.xml"));
var echoResponse = File.ReadAllBytes(Path.Combine(payloads, "echo36k.response.xml"));

var app = builder.Build();
app.MapPost("/RPC2", async context =>
{
    var body = context.Request.BodyReader;
    long received = 0;
    while (true)
    {
        var result = await body.ReadAsync(context.RequestAborted);
        received += result.Buffer.Length;
        body.AdvanceTo(result.Buffer.End);
        if (result.IsCompleted)
        {
            break;
        }
    }

    var answer = received > 1024 ? echoResponse : restartResponse;
    context.Response.ContentType = "text/xml";
    context.Response.ContentLength = answer.Length;
    await context.Response.BodyWriter.WriteAsync(answer, context.RequestAborted);
});
app.Run();
