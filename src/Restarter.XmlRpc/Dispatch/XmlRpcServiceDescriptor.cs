namespace Restarter.XmlRpc;

/// <summary>The methods one service class exposes (emitted by the source generator).</summary>
public sealed class XmlRpcServiceDescriptor
{
    private readonly Dictionary<string, XmlRpcMethodDescriptor> _byName;

    public XmlRpcServiceDescriptor(string pythonClassName, IReadOnlyList<XmlRpcMethodDescriptor> methods)
    {
        ArgumentNullException.ThrowIfNull(pythonClassName);
        ArgumentNullException.ThrowIfNull(methods);
        PythonClassName = pythonClassName;
        Methods = methods;
        _byName = new Dictionary<string, XmlRpcMethodDescriptor>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (!_byName.TryAdd(method.Name, method))
            {
                throw new ArgumentException($"The method name '{method.Name}' is used twice.", nameof(methods));
            }
        }
    }

    /// <summary>The class name Python-style faults show (<c>Service</c> in <c>Service.restart_unit() ...</c>).</summary>
    public string PythonClassName { get; }

    public IReadOnlyList<XmlRpcMethodDescriptor> Methods { get; }

    public XmlRpcMethodDescriptor? Find(string name) => _byName.GetValueOrDefault(name);
}
