using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Restarter.XmlRpc.Generator;

namespace Restarter.XmlRpc.Tests.Generator;

/// <summary>Runs the generator on source text through a real Roslyn compilation.</summary>
public class GeneratorDiagnosticTests
{
    [Fact]
    public void A_service_class_that_is_not_partial_gets_a_diagnostic_that_says_what_to_do()
    {
        var (diagnostics, _) = Run("""
            using Restarter.XmlRpc;
            namespace Demo;
            public class Service
            {
                [XmlRpcMethod("restart_unit")]
                public string RestartUnit(string identifier) => identifier;
            }
            """);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "XMLRPC001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("The class 'Service' has [XmlRpcMethod] methods but is not partial: declare it 'partial' so the generator can add its method table", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Service.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(13, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Fact]
    public void An_unsupported_type_gets_a_diagnostic_naming_the_parameter()
    {
        var (diagnostics, _) = Run("""
            using Restarter.XmlRpc;
            namespace Demo;
            public partial class Service
            {
                [XmlRpcMethod]
                public int Take(System.IO.Stream stream, Dictionary<int, string> map) => 0;
            }
            """);
        var messages = diagnostics.Where(d => d.Id == "XMLRPC002").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("The type 'System.IO.Stream' of parameter 'stream' of method 'Take' cannot be mapped to XML-RPC", messages[0]);
        Assert.StartsWith("The type 'System.Collections.Generic.Dictionary<int, string>' of parameter 'map'", messages[1]);
    }

    [Fact]
    public void Duplicate_names_and_non_partial_structs_are_reported()
    {
        var (diagnostics, _) = Run("""
            using Restarter.XmlRpc;
            namespace Demo;
            public partial class Service
            {
                [XmlRpcMethod("x")] public int A() => 0;
                [XmlRpcMethod("x")] public int B() => 0;
            }
            [XmlRpcStruct] public record Shape(int Sides);
            """);
        Assert.Contains(diagnostics, d => d.Id == "XMLRPC003");
        Assert.Contains(diagnostics, d => d.Id == "XMLRPC005");
    }

    [Fact]
    public void A_valid_service_compiles_without_diagnostics()
    {
        var (diagnostics, compilation) = Run("""
            using Restarter.XmlRpc;
            namespace Demo;
            public sealed record Result(bool success, string message);
            [XmlRpcStruct] public partial record Shape(int Sides, string? @class);
            public partial class Service
            {
                /// <summary>Says <c>hello</c>.</summary>
                [XmlRpcMethod("hello")]
                public async Task<Result> Hello(string name, Shape shape, CancellationToken token, int times = 1) { await Task.Yield(); return new(true, name); }
                [XmlRpcMethod] public void Nothing() { }
                [XmlRpcMethod] public ValueTask Later() => default;
            }
            """);
        Assert.Empty(diagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotNull(compilation.GetTypeByMetadataName("Demo.Service")!.GetMembers("XmlRpcDescriptor").SingleOrDefault());
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) Run(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0)
            .Select(a => MetadataReference.CreateFromFile(a.Location))
            .Append(MetadataReference.CreateFromFile(typeof(XmlRpcMethodAttribute).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var globalUsings = CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Threading; global using System.Threading.Tasks;", options);
        var compilation = CSharpCompilation.Create(
            "GeneratorTest",
            [globalUsings, CSharpSyntaxTree.ParseText(source, options, path: "Service.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create([new XmlRpcServiceGenerator().AsSourceGenerator()], parseOptions: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (diagnostics, output);
    }
}
