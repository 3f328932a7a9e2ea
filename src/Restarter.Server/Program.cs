using Microsoft.Extensions.Options;
using Restarter.Server.Hosting;

try
{
    // The content root (where appsettings.json is read and watched) is the install directory, not the working directory:
    // under systemd that is "/", and watching it for changes walks the whole file system.
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddRestarterServer();
    var app = builder.Build();
    app.MapRestarterServer();
    await app.RunAsync();
    return 0;
}
catch (ServerStartupException e)
{
    await Console.Error.WriteLineAsync("Restarter.Server: " + e.Message);
    return 2;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("Restarter.Server: invalid configuration: " + string.Join("; ", e.Failures));
    return 2;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync("Restarter.Server: cannot listen: " + e.Message);
    return 2;
}
