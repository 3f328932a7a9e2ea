using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Restarter.XmlRpc.Generator;

/// <summary>
/// Maps CLR types to converter expressions. Records and classes that are not marked [XmlRpcStruct] get a converter
/// class nested in the generated type; the mapper collects their models.
/// </summary>
internal sealed class TypeMapper
{
    public const string Api = "global::Restarter.XmlRpc.";
    public const string Converters = Api + "XmlRpcConverters.";

    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Dictionary<string, StructModel?> _structs = new(StringComparer.Ordinal);
    private readonly List<StructModel> _order = new();
    private readonly List<DiagnosticInfo> _diagnostics;

    public TypeMapper(List<DiagnosticInfo> diagnostics) => _diagnostics = diagnostics;

    public IReadOnlyList<StructModel> Structs => _order;

    public TypeMapping? Map(ITypeSymbol type, string usage, Location? location)
    {
        var mapping = TryMap(type);
        if (mapping is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedType, location, type.ToDisplayString(), usage));
        }

        return mapping;
    }

    public static string ConverterClassName(ITypeSymbol type) =>
        "__XmlRpcConverter_" + new string(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty)
            .Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private TypeMapping? TryMap(ITypeSymbol type)
    {
        var name = type.ToDisplayString(TypeFormat);
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            var inner = TryMap(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
            return inner is null ? null : new TypeMapping(name, $"{Converters}NullableReferenceOf({inner.ConverterExpression})", inner.SignatureName, IsNullable: true);
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var inner = TryMap(nullable.TypeArguments[0]);
            return inner is null ? null : new TypeMapping(name, $"{Converters}NullableOf({inner.ConverterExpression})", inner.SignatureName, IsNullable: true);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Int32: return Scalar(name, "Int32", "int");
            case SpecialType.System_Int64: return Scalar(name, "Int64", "i8");
            case SpecialType.System_Boolean: return Scalar(name, "Boolean", "boolean");
            case SpecialType.System_String: return Scalar(name, "String", "string");
            case SpecialType.System_Double: return Scalar(name, "Double", "double");
            case SpecialType.System_DateTime: return Scalar(name, "DateTime", "dateTime.iso8601");
        }

        var fullName = type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        switch (fullName)
        {
            case "global::System.DateTimeOffset": return Scalar(name, "DateTimeOffset", "dateTime.iso8601");
            case "global::Restarter.XmlRpc.XmlRpcValue": return Scalar(name, "Value", "any");
            case "global::Restarter.XmlRpc.XmlRpcStruct": return Scalar(name, "Struct", "struct");
            case "global::Restarter.XmlRpc.XmlRpcArray": return Scalar(name, "Array", "array");
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return null;
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Scalar(name, "Bytes", "base64");
            }

            return Sequence(name, "ArrayOf", array.ElementType);
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.IsGenericType)
        {
            var arguments = named.TypeArguments;
            switch (fullName)
            {
                case "global::System.Collections.Generic.List<T>": return Sequence(name, "ListOf", arguments[0]);
                case "global::System.Collections.Generic.IReadOnlyList<T>":
                case "global::System.Collections.Generic.IReadOnlyCollection<T>":
                    return Sequence(name, "ReadOnlyListOf", arguments[0]);
                case "global::System.Collections.Generic.IList<T>":
                case "global::System.Collections.Generic.ICollection<T>":
                    return Sequence(name, "ListInterfaceOf", arguments[0]);
                case "global::System.Collections.Generic.IEnumerable<T>": return Sequence(name, "EnumerableOf", arguments[0]);
                case "global::System.Collections.Generic.Dictionary<TKey, TValue>":
                    return Dictionary(name, "DictionaryOf", arguments);
                case "global::System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                    return Dictionary(name, "ReadOnlyDictionaryOf", arguments);
                case "global::System.Collections.Generic.IDictionary<TKey, TValue>":
                    return Dictionary(name, "DictionaryInterfaceOf", arguments);
            }

            return null;
        }

        if (IsMarkedStruct(named))
        {
            return new TypeMapping(name, $"{Converters}ForStruct<{name}>()", "struct", IsNullable: false);
        }

        if (!IsStructCandidate(named))
        {
            return null;
        }

        var model = BuildStruct(named);
        return model is null ? null : new TypeMapping(name, model.ConverterName + ".Instance", "struct", IsNullable: false);
    }

    /// <summary>Builds (once) the struct model of a record or class; null when one of its members cannot be mapped.</summary>
    public StructModel? BuildStruct(INamedTypeSymbol type)
    {
        var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (_structs.TryGetValue(name, out var existing))
        {
            // A recursive type refers to its own converter while it is being built.
            return existing ?? new StructModel(name, ConverterClassName(type), default, default, false);
        }

        _structs[name] = null;
        var properties = type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.GetMethod is not null && p.Name != "EqualityContract")
            .ToList();

        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.All(p => properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .Where(c => !(type.IsRecord && c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();

        var members = new List<MemberModel>();
        var ok = true;
        foreach (var property in properties)
        {
            var parameter = constructor?.Parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            var wireName = WireName(property.GetAttributes()) ?? (parameter is null ? null : WireName(parameter.GetAttributes())) ?? property.Name;
            var mapping = Map(property.Type, $"member '{property.Name}' of '{type.ToDisplayString()}'", property.Locations.FirstOrDefault());
            if (mapping is null)
            {
                ok = false;
                continue;
            }

            var settable = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            members.Add(new MemberModel(property.Name, wireName, mapping, parameter is not null, settable, settable && (property.SetMethod!.IsInitOnly || property.IsRequired)));
        }

        if (!ok)
        {
            return null;
        }

        var constructorMembers = constructor is null
            ? Enumerable.Empty<string>()
            : constructor.Parameters.Select(p => properties.First(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase)).Name);
        var model = new StructModel(name, ConverterClassName(type), new EquatableArray<MemberModel>(members), new EquatableArray<string>(constructorMembers), constructor is not null);
        _structs[name] = model;
        _order.Add(model);
        return model;
    }

    public static bool IsMarkedStruct(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Restarter.XmlRpc.XmlRpcStructAttribute")
        || type.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "Restarter.XmlRpc.IXmlRpcStruct<TSelf>");

    private static bool IsStructCandidate(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && !type.IsAbstract
        && !type.IsStatic
        && type.ContainingNamespace?.ToDisplayString() is { } ns && ns != "System" && !ns.StartsWith("System.", StringComparison.Ordinal)
        && type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal;

    private static string? WireName(IEnumerable<AttributeData> attributes) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Restarter.XmlRpc.XmlRpcMemberAttribute")
            is { ConstructorArguments: { Length: 1 } arguments } && arguments[0].Value is string name ? name : null;

    private static TypeMapping Scalar(string typeName, string converter, string signature) =>
        new(typeName, Converters + converter, signature, IsNullable: false);

    private TypeMapping? Sequence(string typeName, string combinator, ITypeSymbol element)
    {
        var inner = TryMap(element);
        return inner is null ? null : new TypeMapping(typeName, $"{Converters}{combinator}({inner.ConverterExpression})", "array", IsNullable: false);
    }

    private TypeMapping? Dictionary(string typeName, string combinator, IReadOnlyList<ITypeSymbol> arguments)
    {
        if (arguments[0].SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var inner = TryMap(arguments[1]);
        return inner is null ? null : new TypeMapping(typeName, $"{Converters}{combinator}({inner.ConverterExpression})", "struct", IsNullable: false);
    }
}
