using System.Globalization;
using System.Text.RegularExpressions;
using Restarter.XmlRpc;

namespace Restarter.Robustness.Tests.Fuzzing;

/// <summary>
/// Which restarts a call truly asks for, decided independently of the server's code: <c>restart_unit</c> with exactly
/// one parameter that is a string of exactly four ASCII digits, or an integer whose decimal text is (what the legacy
/// <c>str(identifier)</c> saw); directly or as an entry of a (non-nested) <c>system.multicall</c>.
/// </summary>
public static partial class RestartOracle
{
    public static List<string> ExpectedRestarts(XmlRpcMethodCall call)
    {
        var expected = new List<string>();
        if (call.MethodName == "restart_unit")
        {
            AddIfValid(call.Parameters, expected);
        }
        else if (call.MethodName == "system.multicall" && call.Parameters is [XmlRpcArray entries])
        {
            foreach (var entry in entries)
            {
                if (entry is XmlRpcStruct s
                    && s.TryGetValue("methodName", out var name) && name is XmlRpcString { Value: "restart_unit" }
                    && s.TryGetValue("params", out var parameters) && parameters is XmlRpcArray list)
                {
                    AddIfValid([.. list], expected);
                }
            }
        }

        return expected;
    }

    private static void AddIfValid(IReadOnlyList<XmlRpcValue> parameters, List<string> expected)
    {
        if (parameters.Count != 1)
        {
            return;
        }

        var text = parameters[0] switch
        {
            XmlRpcString s => s.Value,
            XmlRpcInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is not null && FourAsciiDigits().IsMatch(text))
        {
            expected.Add(text);
        }
    }

    [GeneratedRegex(@"\A[0-9]{4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FourAsciiDigits();
}
