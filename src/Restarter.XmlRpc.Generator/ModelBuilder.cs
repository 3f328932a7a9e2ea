using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Restarter.XmlRpc.Generator;

/// <summary>Reads the symbols of a service class or a struct type into plain, equatable models.</summary>
internal static class ModelBuilder
{
    private const string MethodAttribute = "Restarter.XmlRpc.XmlRpcMethodAttribute";
    private const string ServiceAttribute = "Restarter.XmlRpc.XmlRpcServiceAttribute";

    public static ServiceModel BuildService(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = type.Locations.FirstOrDefault();
        var fullName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        if (!IsPartial(type, cancellationToken))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ServiceNotPartial, location, type.Name));
        }

        if (type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedServiceShape, location, type.Name, "generic classes are not supported"));
        }

        if (type.ContainingType is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedServiceShape, location, type.Name, "nested classes are not supported; declare it at namespace level"));
        }

        var mapper = new TypeMapper(diagnostics);
        var methods = new List<MethodModel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MethodAttribute);
            if (attribute is null)
            {
                continue;
            }

            var model = BuildMethod(method, attribute, mapper, diagnostics, cancellationToken);
            if (model is null)
            {
                continue;
            }

            if (!names.Add(model.WireName))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateMethodName, method.Locations.FirstOrDefault(), model.WireName, type.Name));
                continue;
            }

            methods.Add(model);
        }

        var pythonName = type.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ServiceAttribute)?
            .NamedArguments.FirstOrDefault(a => a.Key == "PythonClassName").Value.Value as string ?? type.Name;

        return new ServiceModel(
            Declaration(type),
            fullName,
            pythonName,
            new EquatableArray<MethodModel>(methods),
            new EquatableArray<StructModel>(mapper.Structs),
            new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    public static StandaloneStructModel BuildStandaloneStruct(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = type.Locations.FirstOrDefault();
        if (!IsPartial(type, cancellationToken))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.StructNotPartial, location, type.Name));
        }

        if (type.IsGenericType || type.ContainingType is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedServiceShape, location, type.Name, "an [XmlRpcStruct] type must be a non-generic type at namespace level"));
        }

        var mapper = new TypeMapper(diagnostics);
        var model = mapper.BuildStruct(type);
        var nested = mapper.Structs.Where(s => model is null || s.TypeName != model.TypeName);
        return new StandaloneStructModel(Declaration(type), model, new EquatableArray<StructModel>(nested), new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static MethodModel? BuildMethod(IMethodSymbol method, AttributeData attribute, TypeMapper mapper, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var location = method.Locations.FirstOrDefault();
        if (method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedServiceShape, location, method.ContainingType.Name, $"the method '{method.Name}' is generic or not an ordinary method"));
            return null;
        }

        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedServiceShape, location, method.ContainingType.Name, $"the method '{method.Name}' must be public or internal"));
            return null;
        }

        var wireName = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string n ? n : method.Name;
        var help = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Help").Value.Value as string ?? DocumentationSummary(method, cancellationToken);

        var ok = true;
        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedType, parameter.Locations.FirstOrDefault(), parameter.ToDisplayString(), $"parameter '{parameter.Name}' of method '{method.Name}' (ref, out and params are not supported)"));
                ok = false;
                continue;
            }

            if (parameter.Type.ToDisplayString() == "System.Threading.CancellationToken")
            {
                parameters.Add(new ParameterModel(parameter.Name, null, IsCancellationToken: true, null));
                continue;
            }

            var mapping = mapper.Map(parameter.Type, $"parameter '{parameter.Name}' of method '{method.Name}'", parameter.Locations.FirstOrDefault() ?? location);
            if (mapping is null)
            {
                ok = false;
                continue;
            }

            parameters.Add(new ParameterModel(parameter.Name, mapping, IsCancellationToken: false, DefaultLiteral(parameter, mapping)));
        }

        var (kind, resultType) = ClassifyResult(method.ReturnType);
        TypeMapping? result = null;
        if (resultType is not null)
        {
            result = mapper.Map(resultType, $"the result of method '{method.Name}'", location);
            ok &= result is not null;
        }

        return ok ? new MethodModel(method.Name, method.IsStatic, wireName, help, new EquatableArray<ParameterModel>(parameters), kind, result) : null;
    }

    private static (ResultKind Kind, ITypeSymbol? Type) ClassifyResult(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return (ResultKind.Void, null);
        }

        var name = type.OriginalDefinition.ToDisplayString();
        return name switch
        {
            "System.Threading.Tasks.Task" => (ResultKind.Task, null),
            "System.Threading.Tasks.ValueTask" => (ResultKind.ValueTask, null),
            "System.Threading.Tasks.Task<TResult>" => (ResultKind.TaskOfT, ((INamedTypeSymbol)type).TypeArguments[0]),
            "System.Threading.Tasks.ValueTask<TResult>" => (ResultKind.ValueTaskOfT, ((INamedTypeSymbol)type).TypeArguments[0]),
            _ => (ResultKind.Value, type),
        };
    }

    private static string? DefaultLiteral(IParameterSymbol parameter, TypeMapping mapping)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        var value = parameter.ExplicitDefaultValue;
        var literal = value switch
        {
            null => "default",
            string s => TypeMapper.Literal(s),
            bool b => b ? "true" : "false",
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "d",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
        return $"({mapping.TypeName})({literal})";
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static TypeDeclarationModel Declaration(INamedTypeSymbol type)
    {
        var keyword = type.IsRecord ? (type.IsValueType ? "record struct" : "record") : (type.IsValueType ? "struct" : "class");
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return new TypeDeclarationModel(ns, type.Name, keyword, default);
    }

    /// <summary>The text of the &lt;summary&gt; doc comment, from the compiler or, when doc comments are not parsed, from the trivia.</summary>
    private static string DocumentationSummary(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var xml = method.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            if (syntax is null)
            {
                return string.Empty;
            }

            var builder = new StringBuilder();
            foreach (var trivia in syntax.GetLeadingTrivia())
            {
                foreach (var line in trivia.ToFullString().Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.StartsWith("///", StringComparison.Ordinal))
                    {
                        builder.Append(trimmed.Substring(3)).Append('\n');
                    }
                }
            }

            xml = builder.ToString();
        }

        var match = Regex.Match(xml, "<summary>(.*?)</summary>", RegexOptions.Singleline);
        if (!match.Success)
        {
            return string.Empty;
        }

        var text = Regex.Replace(match.Groups[1].Value, "<(?:see|paramref|typeparamref)\\s+(?:cref|name|langword)=\"(?:[A-Z]:)?([^\"]*)\"\\s*/>", "$1");
        text = Regex.Replace(text, "<[^>]+>", string.Empty);
        text = text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&amp;", "&");
        return Regex.Replace(text, "\\s+", " ").Trim();
    }
}
