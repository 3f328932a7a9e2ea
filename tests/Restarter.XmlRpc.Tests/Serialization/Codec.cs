using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace Restarter.XmlRpc.Tests.Serialization;

/// <summary>Shorthands over <see cref="XmlRpcSerializer"/> for tests.</summary>
internal static class Codec
{
    public static readonly XmlRpcReaderOptions Defaults = new();

    public static byte[] Response(XmlRpcValue value)
    {
        var output = new ArrayBufferWriter<byte>();
        XmlRpcSerializer.WriteMethodResponse(output, XmlRpcMethodResponse.Success(value));
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Fault(int code, string message)
    {
        var output = new ArrayBufferWriter<byte>();
        XmlRpcSerializer.WriteMethodResponse(output, XmlRpcMethodResponse.FromFault(new XmlRpcFault(code, message)));
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Call(string method, params XmlRpcValue[] parameters)
    {
        var output = new ArrayBufferWriter<byte>();
        XmlRpcSerializer.WriteMethodCall(output, new XmlRpcMethodCall(method, parameters));
        return output.WrittenSpan.ToArray();
    }

    public static Task<XmlRpcMethodResponse> ReadResponseAsync(byte[] document, XmlRpcReaderOptions? options = null) =>
        XmlRpcSerializer.ReadMethodResponseAsync(new MemoryStream(document), options ?? Defaults).AsTask();

    public static Task<XmlRpcMethodResponse> ReadResponseAsync(string document, XmlRpcReaderOptions? options = null) =>
        ReadResponseAsync(Encoding.UTF8.GetBytes(document), options);

    public static Task<XmlRpcMethodCall> ReadCallAsync(byte[] document, XmlRpcReaderOptions? options = null) =>
        XmlRpcSerializer.ReadMethodCallAsync(new MemoryStream(document), options ?? Defaults).AsTask();

    public static Task<XmlRpcMethodCall> ReadCallAsync(string document, XmlRpcReaderOptions? options = null) =>
        ReadCallAsync(Encoding.UTF8.GetBytes(document), options);

    public static async Task<XmlRpcValue> ReadValueAsync(string valueXml)
    {
        var response = await ReadResponseAsync($"<?xml version='1.0'?><methodResponse><params><param>{valueXml}</param></params></methodResponse>");
        Assert.False(response.IsFault);
        return response.Value;
    }

    /// <summary>Asserts the read fails with <paramref name="expected"/>, within a second.</summary>
    public static async Task<XmlRpcFormatException> AssertFailsAsync(XmlRpcFormatError expected, Func<Task> read)
    {
        var clock = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<XmlRpcFormatException>(read);
        clock.Stop();
        Assert.True(expected == exception.Error, $"expected {expected}, got {exception.Error}: {exception.Message}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        return exception;
    }

    public static string Text(byte[] document) => Encoding.UTF8.GetString(document);
}
