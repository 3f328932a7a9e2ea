using System.Globalization;
using System.Text.RegularExpressions;

namespace Restarter.Robustness.Tests.Soak;

/// <summary>The numbers of a <c>wrk --latency</c> report.</summary>
public sealed partial record WrkSummary(long Requests, double RequestsPerSecond, string P50, string P99, string Max, long Non2xx, long SocketErrors)
{
    public static WrkSummary Parse(string output)
    {
        var requests = Regex.Match(output, @"([0-9]+) requests in");
        var rate = Regex.Match(output, @"Requests/sec:\s+([0-9.]+)");
        var latency = Regex.Match(output, @"Latency\s+\S+\s+\S+\s+(\S+)");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses: ([0-9]+)");
        var errors = Regex.Match(output, @"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");
        if (!requests.Success || !rate.Success)
        {
            throw new InvalidOperationException("wrk's report could not be read:\n" + output);
        }

        return new(
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            latency.Success ? latency.Groups[1].Value : "?",
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            errors.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(errors.Groups[i].Value, CultureInfo.InvariantCulture)) : 0);
    }

    private static string Percentile(string output, string which) =>
        Regex.Match(output, @"^\s+" + Regex.Escape(which) + @"\s+(\S+)", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : "?";
}
