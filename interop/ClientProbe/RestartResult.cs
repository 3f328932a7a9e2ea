using Restarter.XmlRpc;

namespace ClientProbe;

/// <summary>The legacy server's answer to <c>restart_unit</c>, read through the generated converter as Restarter.Web does.</summary>
[XmlRpcStruct]
public sealed partial record RestartResult(bool success, string message);
