using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>Binds <see cref="XmlRpcEndpointOptions"/> from the <c>"XmlRpc"</c> section (source-generated binding, no reflection).</summary>
internal sealed class XmlRpcEndpointOptionsSetup(IConfiguration? configuration) : IConfigureOptions<XmlRpcEndpointOptions>
{
    public void Configure(XmlRpcEndpointOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(XmlRpcEndpointOptions.SectionName);
        // The binder appends array items to the existing ones; configured paths must replace the defaults.
        if (section.GetSection(nameof(XmlRpcEndpointOptions.Paths)).GetChildren().Any())
        {
            options.Paths = [];
        }

        section.Bind(options);
    }
}
