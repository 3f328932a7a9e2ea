namespace ClientProbe;

/// <summary>Prints one line per check in interop/run.sh's format: <c>PASS name</c>, <c>FAIL name detail</c>, <c>NOTE stack text</c>.</summary>
internal sealed class Report(string stack, TextWriter output)
{
    public int Failed { get; private set; }

    /// <summary>Runs <paramref name="check"/>; null means it passed, a text says why it failed, an exception fails it too.</summary>
    public async Task CheckAsync(string name, Func<Task<string?>> check)
    {
        string? failure;
        try
        {
            failure = await check();
        }
        catch (Exception e)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
            for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            {
                failure += $" <- {inner.GetType().Name}: {inner.Message}";
            }
        }

        if (failure is null)
        {
            await output.WriteLineAsync($"PASS {stack}/client/{name}");
        }
        else
        {
            Failed++;
            await output.WriteLineAsync($"FAIL {stack}/client/{name} {string.Join(' ', failure.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))}");
        }
    }

    public Task NoteAsync(string text) => output.WriteLineAsync($"NOTE {stack} {text}");
}
