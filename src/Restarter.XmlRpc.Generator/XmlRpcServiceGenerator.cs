using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Restarter.XmlRpc.Generator;

/// <summary>
/// Emits, for each class with [XmlRpcMethod] methods, its method table (<c>IXmlRpcService.XmlRpcDescriptor</c>) with
/// invokers and converters; and, for each [XmlRpcStruct] type, its <c>IXmlRpcStruct&lt;T&gt;</c> converter. No
/// reflection happens at run time.
/// </summary>
[Generator]
public sealed class XmlRpcServiceGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var services = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Restarter.XmlRpc.XmlRpcMethodAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => ModelBuilder.BuildService(ctx.TargetSymbol.ContainingType, ct))
            .Collect();

        context.RegisterSourceOutput(services, static (spc, models) =>
        {
            foreach (var model in Distinct(models, m => m.FullTypeName))
            {
                foreach (var diagnostic in model.Diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }

                if (model.Diagnostics.Count == 0)
                {
                    spc.AddSource(HintName(model.FullTypeName, "XmlRpcService"), Emitter.EmitService(model));
                }
            }
        });

        var structs = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Restarter.XmlRpc.XmlRpcStructAttribute",
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, ct) => ModelBuilder.BuildStandaloneStruct((INamedTypeSymbol)ctx.TargetSymbol, ct));

        context.RegisterSourceOutput(structs, static (spc, model) =>
        {
            foreach (var diagnostic in model.Diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (model.Diagnostics.Count == 0 && model.Struct is not null)
            {
                spc.AddSource(HintName(model.Struct.TypeName, "XmlRpcStruct"), Emitter.EmitStandaloneStruct(model));
            }
        });
    }

    private static System.Collections.Generic.IEnumerable<T> Distinct<T>(ImmutableArray<T> items, System.Func<T, string> key) =>
        items.GroupBy(key).Select(g => g.First());

    private static string HintName(string typeName, string suffix) =>
        new string(typeName.Replace("global::", string.Empty).Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray()) + "." + suffix + ".g.cs";
}
