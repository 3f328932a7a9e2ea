using Restarter.XmlRpc;

namespace Restarter.Web.Rpc.Internal;

/// <summary>Reads the members of an answer struct, turning a wrong shape into <see cref="RpcFailure.Malformed"/>.</summary>
internal readonly struct StructReader
{
    private readonly XmlRpcStruct _struct;
    private readonly string _method;

    private StructReader(XmlRpcStruct value, string method)
    {
        _struct = value;
        _method = method;
    }

    public static StructReader From(XmlRpcValue value, string method) =>
        value is XmlRpcStruct s ? new StructReader(s, method) : throw Malformed(method, "a struct");

    public bool Boolean(string name) =>
        _struct.TryGetValue(name, out var v) && v is XmlRpcBoolean b ? b.Value : throw Malformed(_method, $"a boolean '{name}'");

    public string String(string name) =>
        _struct.TryGetValue(name, out var v) && v is XmlRpcString s ? s.Value : throw Malformed(_method, $"a string '{name}'");

    public string OptionalString(string name) => _struct.TryGetValue(name, out var v) && v is XmlRpcString s ? s.Value : string.Empty;

    public long OptionalInteger(string name) => _struct.TryGetValue(name, out var v) && v is XmlRpcInteger i ? i.Value : 0;

    private static RpcCallException Malformed(string method, string what) =>
        new(RpcFailure.Malformed, $"The RPC server's answer to {method} lacks {what}.");
}
