namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>Registered by <c>AddXmlRpc()</c> so that <c>MapXmlRpc</c> can tell the services are missing.</summary>
internal sealed class XmlRpcMarkerService;
