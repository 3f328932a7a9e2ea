using Microsoft.CodeAnalysis;

namespace Restarter.XmlRpc.Generator;

internal static class Diagnostics
{
    private const string Category = "Restarter.XmlRpc";

    public static readonly DiagnosticDescriptor ServiceNotPartial = new(
        "XMLRPC001",
        "XML-RPC service class must be partial",
        "The class '{0}' has [XmlRpcMethod] methods but is not partial: declare it 'partial' so the generator can add its method table",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedType = new(
        "XMLRPC002",
        "Type cannot be mapped to XML-RPC",
        "The type '{0}' of {1} cannot be mapped to XML-RPC: use string, int, long, bool, double, DateTime, DateTimeOffset, byte[], arrays, lists, Dictionary<string, T>, a record or class with public properties, or XmlRpcValue for the raw value",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateMethodName = new(
        "XMLRPC003",
        "Duplicate XML-RPC method name",
        "The XML-RPC method name '{0}' is used by more than one method of '{1}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedServiceShape = new(
        "XMLRPC004",
        "XML-RPC service class shape not supported",
        "The class '{0}' cannot be an XML-RPC service: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StructNotPartial = new(
        "XMLRPC005",
        "XML-RPC struct type must be partial",
        "The type '{0}' is marked [XmlRpcStruct] but is not partial: declare it 'partial' so the generator can add its converter",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "XMLRPC001" => ServiceNotPartial,
        "XMLRPC002" => UnsupportedType,
        "XMLRPC003" => DuplicateMethodName,
        "XMLRPC004" => UnsupportedServiceShape,
        _ => StructNotPartial,
    };
}
