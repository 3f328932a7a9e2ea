namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>The first pass of writing: finds what cannot be written, so that a failed write leaves the output untouched.</summary>
internal readonly struct XmlRpcValueValidator : IXmlRpcValueVisitor
{
    public static void Validate(XmlRpcValue value) => XmlRpcValueWalker.Walk(value, new XmlRpcValueValidator());

    public void Scalar(XmlRpcValue value)
    {
        if (value is XmlRpcString text)
        {
            XmlTextValidator.Validate(text.Value, "string");
        }
    }

    public void StartArray(XmlRpcArray array)
    {
    }

    public void EndArray()
    {
    }

    public void StartStruct(XmlRpcStruct value)
    {
    }

    public void StartMember(string name) => XmlTextValidator.Validate(name, "struct member name");

    public void EndMember()
    {
    }

    public void EndStruct()
    {
    }
}
