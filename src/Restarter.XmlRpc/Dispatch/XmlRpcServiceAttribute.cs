namespace Restarter.XmlRpc;

/// <summary>Optional settings of a service class for the source generator.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class XmlRpcServiceAttribute : Attribute
{
    /// <summary>
    /// The class name that Python-style faults show, as in <c>Service.restart_unit() missing 1 required positional
    /// argument: 'identifier'</c>. Defaults to the CLR class name.
    /// </summary>
    public string? PythonClassName { get; set; }
}
