using Microsoft.Extensions.Options;
using Restarter.Web;
using Restarter.Web.Users;

if (args.Length > 0 && args[0] == AddUserCommand.Name)
{
    return await AddUserCommand.RunAsync(
        args[1..], Environment.GetEnvironmentVariable("Restarter__UsersFile"), Console.In, Console.Out, Console.Error);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddRestarterWeb();
    var app = builder.Build();
    app.UseRestarterWeb();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // Configuration mistakes get one line that says what to set, not a stack trace.
    await Console.Error.WriteLineAsync("Restarter.Web: " + string.Join(" ", e.Failures));
    return 78;
}
