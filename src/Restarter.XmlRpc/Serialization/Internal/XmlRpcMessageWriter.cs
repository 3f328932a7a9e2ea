using System.Buffers;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Writes whole documents as Python's <c>xmlrpc.client.dumps</c> does (UTF-8, so its prolog has no encoding). Every value
/// is validated first, so a value that cannot be written throws before any byte reaches the output.
/// </summary>
internal static class XmlRpcMessageWriter
{
    public static void WriteMethodCall(IBufferWriter<byte> output, XmlRpcMethodCall call)
    {
        XmlTextValidator.Validate(call.MethodName, "method name");
        foreach (var parameter in call.Parameters)
        {
            XmlRpcValueValidator.Validate(parameter);
        }

        var utf8 = new Utf8XmlOutput(output);
        var values = new XmlRpcValueWriter(utf8);
        utf8.Raw("<?xml version='1.0'?>\n<methodCall>\n<methodName>"u8);

        // Python writes the name unescaped; escaping changes nothing for a valid name and keeps the document well-formed.
        utf8.Escaped(call.MethodName);
        utf8.Raw("</methodName>\n"u8);
        WriteParams(utf8, values, call.Parameters);
        utf8.Raw("</methodCall>\n"u8);
        utf8.Flush();
    }

    public static void WriteMethodResponse(IBufferWriter<byte> output, XmlRpcMethodResponse response)
    {
        var body = response.IsFault ? response.Fault.ToStruct() : response.Value;
        XmlRpcValueValidator.Validate(body);

        var utf8 = new Utf8XmlOutput(output);
        var values = new XmlRpcValueWriter(utf8);
        utf8.Raw("<?xml version='1.0'?>\n<methodResponse>\n"u8);
        if (response.IsFault)
        {
            utf8.Raw("<fault>\n"u8);
            values.Write(body);
            utf8.Raw("</fault>\n"u8);
        }
        else
        {
            WriteParams(utf8, values, [body]);
        }

        utf8.Raw("</methodResponse>\n"u8);
        utf8.Flush();
    }

    private static void WriteParams(Utf8XmlOutput utf8, XmlRpcValueWriter values, IReadOnlyList<XmlRpcValue> parameters)
    {
        // Python always writes <params>, even empty (see the FIXME in its Marshaller.dumps).
        utf8.Raw("<params>\n"u8);
        foreach (var parameter in parameters)
        {
            utf8.Raw("<param>\n"u8);
            values.Write(parameter);
            utf8.Raw("</param>\n"u8);
        }

        utf8.Raw("</params>\n"u8);
    }
}
