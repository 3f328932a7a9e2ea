using Microsoft.CodeAnalysis;

namespace Restarter.XmlRpc.Generator;

[Generator]
public sealed class XmlRpcServiceGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
