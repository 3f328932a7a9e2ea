using System.Text.RegularExpressions;
using Restarter.XmlRpc;

namespace ConformanceHost;

/// <summary>
/// The methods interop tests and benchmarks call: <c>echo</c>, a stand-in <c>restart_unit</c> (the seed's validation,
/// no D-Bus) and the UserLand <c>validator1.*</c> suite (ConformanceService.Validator1.cs).
/// </summary>
[XmlRpcService(PythonClassName = "Service")]
public sealed partial class ConformanceService
{
    /// <summary>Returns its argument unchanged.</summary>
    [XmlRpcMethod("echo")]
    public XmlRpcValue Echo(XmlRpcValue x) => x;

    /// <summary>Validates the identifier (four ASCII digits, as a string or an int) and answers as the server would, without restarting anything.</summary>
    [XmlRpcMethod("restart_unit")]
    public RestartResult RestartUnit(XmlRpcValue identifier) =>
        IsValidIdentifier(identifier) ? new(true, "success") : new(false, "invalid identifier");

    // The seed's re.match(r'^[0-9]{4}$', str(identifier)), without '$' accepting a trailing newline.
    private static bool IsValidIdentifier(XmlRpcValue identifier) => identifier switch
    {
        XmlRpcString s => FourDigits().IsMatch(s.Value),
        XmlRpcInteger i => i.Value is >= 1000 and <= 9999,
        _ => false,
    };

    [GeneratedRegex(@"^[0-9]{4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigits();
}

/// <summary>Shaped like the seed's dataclass: <c>{success, message}</c>.</summary>
public sealed record RestartResult(bool success, string message);
