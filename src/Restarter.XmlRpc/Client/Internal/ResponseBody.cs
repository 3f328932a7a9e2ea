using System.IO.Compression;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc.Client.Internal;

/// <summary>
/// Reads the <c>&lt;methodResponse&gt;</c> of a 200 answer as it streams in: the wire bytes are counted against
/// <see cref="XmlRpcClientOptions.MaxResponseBytes"/>, a gzip body is decoded and its output counted against
/// <see cref="XmlRpcClientOptions.MaxDecompressedBytes"/>, and everything is read through <see cref="XmlRpcSerializer"/>.
/// </summary>
internal static class ResponseBody
{
    public static async Task<XmlRpcMethodResponse> ReadAsync(HttpContent content, XmlRpcClientOptions options, CancellationToken cancellationToken)
    {
        if (options.MaxResponseBytes > 0 && content.Headers.ContentLength > options.MaxResponseBytes)
        {
            throw new XmlRpcFormatException(
                XmlRpcFormatError.LimitExceeded,
                $"The XML-RPC response announces {content.Headers.ContentLength} bytes, more than the limit of {options.MaxResponseBytes} bytes.");
        }

        var gzip = IsGzip(content.Headers.ContentEncoding);
        await using var wire = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var counted = new LengthLimitedStream(wire, options.MaxResponseBytes, cancellationToken);
        if (!gzip)
        {
            return await XmlRpcSerializer.ReadMethodResponseAsync(counted, options.Reader, cancellationToken).ConfigureAwait(false);
        }

        await using var decoded = new GZipStream(counted, CompressionMode.Decompress);
        await using var bounded = new LengthLimitedStream(decoded, options.MaxDecompressedBytes, cancellationToken);
        try
        {
            return await XmlRpcSerializer.ReadMethodResponseAsync(bounded, options.Reader, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new XmlRpcFormatException(XmlRpcFormatError.MalformedXml, "The gzip-encoded XML-RPC response is corrupt: " + e.Message, e);
        }
    }

    private static bool IsGzip(ICollection<string> encodings)
    {
        var gzip = false;
        foreach (var encoding in encodings)
        {
            if (!gzip && (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase)))
            {
                gzip = true;
            }
            else if (!encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                throw new XmlRpcFormatException(
                    XmlRpcFormatError.MalformedXml, $"The XML-RPC response is encoded as '{string.Join(", ", encodings)}'; only a single gzip is understood.");
            }
        }

        return gzip;
    }
}
