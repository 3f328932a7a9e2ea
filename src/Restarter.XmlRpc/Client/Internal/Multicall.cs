namespace Restarter.XmlRpc.Client.Internal;

/// <summary>
/// The <c>system.multicall</c> convention: calls go out as an array of <c>{methodName, params}</c> structs, and each
/// answer comes back as a one-element array (the value) or a <c>{faultCode, faultString}</c> struct, in order.
/// </summary>
internal static class Multicall
{
    public const string MethodName = "system.multicall";

    public static XmlRpcArray ToArgument(IReadOnlyList<XmlRpcMethodCall> calls)
    {
        var entries = new XmlRpcArray();
        foreach (var call in calls)
        {
            ArgumentNullException.ThrowIfNull(call, nameof(calls));
            entries.Add(new XmlRpcStruct()
                .Add("methodName", call.MethodName)
                .Add("params", new XmlRpcArray(call.Parameters)));
        }

        return entries;
    }

    public static IReadOnlyList<XmlRpcMethodResponse> FromResult(XmlRpcValue result, int expected)
    {
        if (result is not XmlRpcArray answers || answers.Count != expected)
        {
            throw Malformed($"expected an array of {expected} answers, got {Describe(result)}");
        }

        var responses = new XmlRpcMethodResponse[expected];
        for (var i = 0; i < expected; i++)
        {
            responses[i] = answers[i] switch
            {
                XmlRpcArray { Count: 1 } single => XmlRpcMethodResponse.Success(single[0]),
                XmlRpcStruct fault when fault.TryGetValue("faultCode", out var code) && code is XmlRpcInteger { FitsInt32: true } number &&
                                        fault.TryGetValue("faultString", out var text) && text is XmlRpcString message =>
                    XmlRpcMethodResponse.FromFault(new XmlRpcFault((int)number.Value, message.Value)),
                var other => throw Malformed($"answer {i} is neither a one-element array nor a fault struct but {Describe(other)}"),
            };
        }

        return responses;
    }

    private static string Describe(XmlRpcValue value) => value switch
    {
        XmlRpcArray array => $"an array of {array.Count}",
        _ => XmlRpcTypeNames.Of(value.Kind),
    };

    private static XmlRpcFormatException Malformed(string detail) =>
        new(XmlRpcFormatError.InvalidDocument, $"The answer to {MethodName} does not follow the multicall convention: {detail}.");
}
