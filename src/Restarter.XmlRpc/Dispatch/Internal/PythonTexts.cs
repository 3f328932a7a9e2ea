using System.Globalization;

namespace Restarter.XmlRpc.Dispatch.Internal;

/// <summary>
/// The fault texts of CPython 3.11's <c>SimpleXMLRPCServer</c> with <c>register_instance</c>: <c>"%s:%s" % (exc_type, exc_value)</c>
/// where exc_value is the interpreter's own message (arity errors count <c>self</c>, as CPython does).
/// </summary>
internal static class PythonTexts
{
    public static string Exception(string pythonClass, string message) => $"<class '{pythonClass}'>:{message}";

    public static string MethodNotSupported(string method) => Exception("Exception", $"method \"{method}\" is not supported");

    /// <summary>The TypeError for a wrong argument count, or null when the count is acceptable.</summary>
    public static string? ArityError(string qualifiedName, IReadOnlyList<XmlRpcParameterDescriptor> parameters, int given)
    {
        var required = parameters.Count(p => !p.IsOptional);
        if (given < required)
        {
            var missing = parameters.Take(required).Skip(given).Select(p => $"'{p.Name}'").ToList();
            var names = missing.Count switch
            {
                1 => missing[0],
                2 => $"{missing[0]} and {missing[1]}",
                _ => string.Join(", ", missing.Take(missing.Count - 1)) + ", and " + missing[^1],
            };
            var noun = missing.Count == 1 ? "argument" : "arguments";
            return Exception("TypeError", $"{qualifiedName}() missing {missing.Count.ToString(CultureInfo.InvariantCulture)} required positional {noun}: {names}");
        }

        if (given > parameters.Count)
        {
            // CPython counts the bound instance: restart_unit(self, identifier) "takes 2".
            var max = parameters.Count + 1;
            var min = required + 1;
            var takes = min == max
                ? $"{max.ToString(CultureInfo.InvariantCulture)} positional argument{(max == 1 ? string.Empty : "s")}"
                : $"from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} positional arguments";
            var total = given + 1;
            var were = total == 1 ? "was" : "were";
            return Exception("TypeError", $"{qualifiedName}() takes {takes} but {total.ToString(CultureInfo.InvariantCulture)} {were} given");
        }

        return null;
    }

    /// <summary>The Python type name of a wire value, as in <c>'int' object is not subscriptable</c>.</summary>
    public static string TypeName(XmlRpcValue value) => value.Kind switch
    {
        XmlRpcValueKind.Integer => "int",
        XmlRpcValueKind.Boolean => "bool",
        XmlRpcValueKind.String => "str",
        XmlRpcValueKind.Double => "float",
        XmlRpcValueKind.DateTime => "DateTime",
        XmlRpcValueKind.Base64 => "Binary",
        XmlRpcValueKind.Struct => "dict",
        XmlRpcValueKind.Array => "list",
        _ => "NoneType",
    };

    /// <summary>The Python exception class closest to a .NET exception, for a method's error.</summary>
    public static string ExceptionClass(Exception exception) => exception switch
    {
        KeyNotFoundException => "KeyError",
        ArgumentException or FormatException => "ValueError",
        NotImplementedException or NotSupportedException => "NotImplementedError",
        TimeoutException => "TimeoutError",
        UnauthorizedAccessException => "PermissionError",
        IOException => "OSError",
        _ => "Exception",
    };
}
