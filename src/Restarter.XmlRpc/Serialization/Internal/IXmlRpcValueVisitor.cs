namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>Receives a value tree in document order from <see cref="XmlRpcValueWalker"/>.</summary>
internal interface IXmlRpcValueVisitor
{
    void Scalar(XmlRpcValue value);

    void StartArray(XmlRpcArray array);

    void EndArray();

    void StartStruct(XmlRpcStruct value);

    void StartMember(string name);

    void EndMember();

    void EndStruct();
}
