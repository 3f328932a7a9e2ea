using Restarter.Server.Tests.Infrastructure;

namespace Restarter.Server.Tests.EndToEnd;

/// <summary>
/// systemd starts services in "/" unless told otherwise. The configuration files are watched for changes, and a content
/// root of "/" made that one inotify watch per directory of the whole file system (thousands, and growing memory).
/// </summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task Started_in_the_root_directory_it_watches_only_its_own_directory()
    {
        await using var server = await ServerProcess.StartAsync([], workingDirectory: "/");
        await server.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var watches = InotifyWatches(server.ProcessId);
        var directories = Directory.GetDirectories(AppContext.BaseDirectory, "*", SearchOption.AllDirectories).Length + 1;
        Assert.InRange(watches, 0, directories);
    }

    [Fact]
    public async Task It_reads_appsettings_json_beside_its_binary_not_in_the_working_directory()
    {
        var elsewhere = Directory.CreateTempSubdirectory("restarter-cwd-");
        try
        {
            // Would stop the server at start-up (an invalid template) if it were read.
            await File.WriteAllTextAsync(Path.Combine(elsewhere.FullName, "appsettings.json"), """{ "Restarter": { "UnitTemplate": "nonsense" } }""");

            await using var server = await ServerProcess.StartAsync([], workingDirectory: elsewhere.FullName);

            Assert.False(server.HasExited);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    private static int InotifyWatches(int processId) =>
        Directory.GetFiles($"/proc/{processId}/fdinfo")
            .Sum(fd =>
            {
                try
                {
                    return File.ReadLines(fd).Count(l => l.StartsWith("inotify", StringComparison.Ordinal));
                }
                catch (IOException)
                {
                    return 0; // the descriptor closed meanwhile
                }
            });
}
