namespace Restarter.XmlRpc.AspNetCore;

/// <summary>
/// How XML-RPC endpoints answer. Bound from the configuration section <c>"XmlRpc"</c> by
/// <see cref="Microsoft.Extensions.DependencyInjection.XmlRpcServiceCollectionExtensions.AddXmlRpc(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>;
/// code passed to <c>AddXmlRpc(options => ...)</c> runs after the binding and wins.
/// </summary>
public sealed class XmlRpcEndpointOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "XmlRpc";

    /// <summary>
    /// The paths <c>MapXmlRpc&lt;TService&gt;()</c> maps: Python's <c>rpc_paths</c>, <c>/</c> and <c>/RPC2</c>, by default.
    /// Paths given in configuration replace the defaults (they are not appended to them).
    /// </summary>
    public string[] Paths { get; set; } = ["/", "/RPC2"];

    /// <summary>How errors the server detects itself are reported: Python's <c>SimpleXMLRPCServer</c> style (the default) or the specification's codes.</summary>
    public XmlRpcFaultStyle FaultStyle { get; set; } = XmlRpcFaultStyle.Python;

    /// <summary>The largest request body accepted as sent on the wire (compressed or not); larger is HTTP 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest body a <c>Content-Encoding: gzip</c> request may expand to; larger is HTTP 413. Default 1 MiB.</summary>
    public long MaxDecompressedBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Responses longer than this many bytes are gzip-compressed when the client accepts gzip (Python's
    /// <c>encode_threshold</c>, 1400). Null never compresses.
    /// </summary>
    public int? GzipResponseThreshold { get; set; } = 1400;

    /// <summary>Serve <c>system.listMethods</c>, <c>system.methodHelp</c> and <c>system.methodSignature</c>.</summary>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Serve <c>system.multicall</c>.</summary>
    public bool EnableMulticall { get; set; } = true;

    /// <summary>The most calls one <c>system.multicall</c> may carry.</summary>
    public int MaxMulticallEntries { get; set; } = 1000;

    /// <summary>
    /// GET serves an HTML page listing every method with its signature and help (as Python's <c>DocXMLRPCServer</c>).
    /// Off by default: the legacy <c>SimpleXMLRPCServer</c> answers GET with 501, and the page tells anyone what the service offers.
    /// </summary>
    public bool EnableDocumentationPage { get; set; }

    /// <summary>Limits of the XML reader: nesting depth, number of values, length of a number, document size.</summary>
    public XmlRpcReaderOptions Reader { get; set; } = new();
}
