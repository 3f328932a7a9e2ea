namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The writing dispatch table, the counterpart of <c>Marshaller.dispatch</c> in CPython's <c>xmlrpc/client.py</c>:
/// each value kind is written with exactly Python's markup and line breaks.
/// </summary>
internal readonly struct XmlRpcValueWriter(Utf8XmlOutput output) : IXmlRpcValueVisitor
{
    public void Write(XmlRpcValue value) => XmlRpcValueWalker.Walk(value, this);

    public void Scalar(XmlRpcValue value)
    {
        switch (value)
        {
            case XmlRpcNil:
                output.Raw("<value><nil/></value>"u8);
                break;
            case XmlRpcBoolean boolean:
                output.Raw(boolean.Value ? "<value><boolean>1</boolean></value>\n"u8 : "<value><boolean>0</boolean></value>\n"u8);
                break;
            case XmlRpcInteger { FitsInt32: true } integer:
                output.Raw("<value><int>"u8);
                output.Integer(integer.Value);
                output.Raw("</int></value>\n"u8);
                break;
            case XmlRpcInteger integer:
                // Python refuses ints beyond 32 bits (OverflowError) but reads <i8>; so do xmlrpc-c, Apache and Ruby.
                output.Raw("<value><i8>"u8);
                output.Integer(integer.Value);
                output.Raw("</i8></value>\n"u8);
                break;
            case XmlRpcDouble number:
                output.Raw("<value><double>"u8);
                output.Ascii(PythonFloatFormatter.Format(number.Value));
                output.Raw("</double></value>\n"u8);
                break;
            case XmlRpcString text:
                output.Raw("<value><string>"u8);
                output.Escaped(text.Value);
                output.Raw("</string></value>\n"u8);
                break;
            case XmlRpcDateTime date:
                // Python writes whole seconds with a four-digit year (%4Y%m%dT%H:%M:%S).
                output.Raw("<value><dateTime.iso8601>"u8);
                output.DateTime(date.Value);
                output.Raw("</dateTime.iso8601></value>\n"u8);
                break;
            case XmlRpcBase64 binary:
                output.Raw("<value><base64>\n"u8);
                output.Base64Lines(binary.Value.Span);
                output.Raw("</base64></value>\n"u8);
                break;
            default:
                throw new InvalidOperationException($"Unknown XML-RPC value kind {value.Kind}.");
        }
    }

    public void StartArray(XmlRpcArray array) => output.Raw("<value><array><data>\n"u8);

    public void EndArray() => output.Raw("</data></array></value>\n"u8);

    public void StartStruct(XmlRpcStruct value) => output.Raw("<value><struct>\n"u8);

    public void StartMember(string name)
    {
        output.Raw("<member>\n<name>"u8);
        output.Escaped(name);
        output.Raw("</name>\n"u8);
    }

    public void EndMember() => output.Raw("</member>\n"u8);

    public void EndStruct() => output.Raw("</struct></value>\n"u8);
}
