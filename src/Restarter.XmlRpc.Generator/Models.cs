using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Restarter.XmlRpc.Generator;

/// <summary>Where a diagnostic goes, kept as plain data so models stay equatable (no Location or ISymbol in the pipeline).</summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var line = location?.GetLineSpan();
        return new DiagnosticInfo(descriptor.Id, line?.Path ?? string.Empty, location?.SourceSpan ?? default, line?.Span ?? default, new EquatableArray<string>(arguments));
    }

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.ById(Id);
        var location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(descriptor, location, Arguments.Items.ToArray());
    }
}

/// <summary>How one CLR type converts: a C# expression that evaluates to its XmlRpcConverter, and its signature name.</summary>
internal sealed record TypeMapping(string TypeName, string ConverterExpression, string SignatureName, bool IsNullable);

internal sealed record ParameterModel(string Name, TypeMapping? Type, bool IsCancellationToken, string? DefaultValueLiteral);

internal enum ResultKind
{
    Void,
    Value,
    Task,
    ValueTask,
    TaskOfT,
    ValueTaskOfT,
}

internal sealed record MethodModel(string ClrName, bool IsStatic, string WireName, string Help, EquatableArray<ParameterModel> Parameters, ResultKind ResultKind, TypeMapping? Result);

internal sealed record MemberModel(string ClrName, string WireName, TypeMapping Type, bool InConstructor, bool Settable, bool InitOnly);

/// <summary>A record or class converted as a struct: its members in declaration order and how to construct it.</summary>
internal sealed record StructModel(string TypeName, string ConverterName, EquatableArray<MemberModel> Members, EquatableArray<string> ConstructorMembers, bool CanRead);

internal sealed record TypeDeclarationModel(string? Namespace, string Name, string Keyword, EquatableArray<string> ContainingTypes);

internal sealed record ServiceModel(
    TypeDeclarationModel Declaration,
    string FullTypeName,
    string PythonClassName,
    EquatableArray<MethodModel> Methods,
    EquatableArray<StructModel> Structs,
    EquatableArray<DiagnosticInfo> Diagnostics);

internal sealed record StandaloneStructModel(TypeDeclarationModel Declaration, StructModel? Struct, EquatableArray<StructModel> NestedStructs, EquatableArray<DiagnosticInfo> Diagnostics);
