using Microsoft.Extensions.Options;

namespace Restarter.XmlRpc.AspNetCore.Internal;

/// <summary>Rejects options that cannot work, with a message naming the setting.</summary>
internal sealed class XmlRpcEndpointOptionsValidator : IValidateOptions<XmlRpcEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, XmlRpcEndpointOptions options)
    {
        var errors = new List<string>();
        if (options.Paths is null || options.Paths.Length == 0)
        {
            errors.Add("XmlRpc:Paths must name at least one path.");
        }
        else if (options.Paths.Any(p => string.IsNullOrEmpty(p) || p[0] != '/'))
        {
            errors.Add("XmlRpc:Paths must each start with '/'.");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            errors.Add("XmlRpc:MaxRequestBodyBytes must be positive.");
        }

        if (options.MaxDecompressedBytes <= 0)
        {
            errors.Add("XmlRpc:MaxDecompressedBytes must be positive.");
        }

        if (options.GzipResponseThreshold < 0)
        {
            errors.Add("XmlRpc:GzipResponseThreshold must not be negative (leave it empty to never compress).");
        }

        if (options.MaxMulticallEntries < 1)
        {
            errors.Add("XmlRpc:MaxMulticallEntries must be at least 1.");
        }

        if (options.Reader is null)
        {
            errors.Add("XmlRpc:Reader must not be null.");
        }
        else if (options.Reader.MaxDepth <= 0 || options.Reader.MaxValues <= 0 || options.Reader.MaxNumberLength <= 0 || options.Reader.MaxDocumentBytes < 0)
        {
            errors.Add("XmlRpc:Reader limits must be positive (MaxDocumentBytes may be 0 for no limit).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
