namespace Restarter.XmlRpc;

/// <summary>A parameter: its name (for error texts) and whether it has a default value and may be left out.</summary>
public sealed record XmlRpcParameterDescriptor(string Name, bool IsOptional = false);
