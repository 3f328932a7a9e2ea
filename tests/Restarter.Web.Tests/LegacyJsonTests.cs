using System.Diagnostics;
using Restarter.Web.Responses;

namespace Restarter.Web.Tests;

/// <summary>The JSON body must be byte for byte what Bottle wrote: Python's json.dumps of the result dict.</summary>
public sealed class LegacyJsonTests
{
    public static readonly TheoryData<bool, string> Messages = new()
    {
        { false, "invalid identifier" },
        { true, "success" },
        { false, "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired: Interactive authentication required." },
        { false, "“quotes” \\ and \"escapes\" / slash" },
        { false, "tab\tnew\nline\rback\bfeed\f" },
        { false, "\u0001\u001f\u007f\u0080\u00a0" },
        { false, "é ü ß 日本語 \u2028\u2029" },
        { false, "emoji 😀 and 𝄞" },
        { true, "" },
        { false, "</script><b>&amp;'" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Restart_IsByteForByteWhatPythonJsonDumpsWrites(bool success, string message)
    {
        var python = await PythonJsonDumpsAsync(success, message);

        Assert.Equal(python, LegacyJson.Restart(success, message));
    }

    [Fact]
    public void Restart_PutsSuccessBeforeMessage_WithPythonSeparators()
    {
        Assert.Equal("{\"success\": false, \"message\": \"invalid identifier\"}", LegacyJson.Restart(false, "invalid identifier"));
    }

    internal static async Task<string> PythonJsonDumpsAsync(bool success, string message)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        // The message travels as hex of its UTF-8 bytes, so no shell or argv decoding can change it.
        start.ArgumentList.Add("import json, sys; s, m = sys.stdin.read().split(); sys.stdout.write(json.dumps({'success': s == '1', 'message': bytes.fromhex(m[1:]).decode('utf-8')}))");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync($"{(success ? 1 : 0)} h{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(message))}");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }
}
