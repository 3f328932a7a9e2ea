using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Restarter.XmlRpc.Tests.Python;

/// <summary>Describes XML-RPC values as the typed JSON that xmlrpc_oracle.py turns into Python objects, and back.</summary>
internal static class PythonValueSpec
{
    public static JsonObject From(XmlRpcValue value) => value switch
    {
        XmlRpcInteger i => Spec("int", i.Value.ToString(CultureInfo.InvariantCulture)),
        XmlRpcBoolean b => Spec("bool", b.Value),
        XmlRpcString s => Spec("str", s.Value),
        XmlRpcDouble d => Spec("double", DoubleBits(d.Value)),
        XmlRpcDateTime t => Spec("dt", t.Value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
        XmlRpcBase64 b => Spec("b64", Convert.ToBase64String(b.Value.Span)),
        XmlRpcNil => new JsonObject { ["t"] = "nil" },
        XmlRpcArray a => Spec("array", new JsonArray([.. a.Select(From)])),
        XmlRpcStruct s => Spec("struct", new JsonArray([.. s.Select(m => new JsonArray(m.Key, From(m.Value)))])),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static XmlRpcValue To(JsonNode spec)
    {
        var v = spec["v"];
        return (string)spec["t"]! switch
        {
            "int" => new XmlRpcInteger(long.Parse((string)v!, CultureInfo.InvariantCulture)),
            "bool" => XmlRpcBoolean.From((bool)v!),
            "str" => new XmlRpcString((string)v!),
            "double" => new XmlRpcDouble(ParseDoubleBits((string)v!)),
            "dt" => new XmlRpcDateTime(DateTime.Parse((string)v!, CultureInfo.InvariantCulture)),
            "b64" => new XmlRpcBase64(Convert.FromBase64String((string)v!)),
            "nil" => XmlRpcNil.Instance,
            "array" => new XmlRpcArray(v!.AsArray().Select(item => To(item!))),
            "struct" => new XmlRpcStruct(v!.AsArray().Select(m => KeyValuePair.Create((string)m![0]!, To(m[1]!)))),
            var t => throw new ArgumentOutOfRangeException(nameof(spec), t),
        };
    }

    // Python's NaN has other bits than double.NaN; NaN payloads are not data in XML-RPC.
    private static double ParseDoubleBits(string hex)
    {
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(hex)));
        return double.IsNaN(value) ? double.NaN : value;
    }

    private static string DoubleBits(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, BitConverter.DoubleToInt64Bits(value));
        return Convert.ToHexStringLower(bytes);
    }

    private static JsonObject Spec(string type, JsonNode? value) => new() { ["t"] = type, ["v"] = value };
}
