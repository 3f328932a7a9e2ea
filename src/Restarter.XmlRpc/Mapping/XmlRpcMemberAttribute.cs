namespace Restarter.XmlRpc;

/// <summary>Gives the struct member a wire name other than the property's name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field, Inherited = false)]
public sealed class XmlRpcMemberAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
