using System.Buffers;
using System.IO.Compression;
using System.Net.Http.Headers;

namespace Restarter.XmlRpc.Client.Internal;

/// <summary>
/// The body of a call: the serialized <c>&lt;methodCall&gt;</c> with a Content-Length (Python's server answers a chunked
/// body with HTTP 500), gzip-compressed above the configured threshold.
/// </summary>
internal static class RequestContent
{
    private static readonly MediaTypeHeaderValue TextXml = new("text/xml");

    public static HttpContent Create(XmlRpcMethodCall call, int? gzipThreshold)
    {
        var body = new ArrayBufferWriter<byte>(512);
        XmlRpcSerializer.WriteMethodCall(body, call);

        HttpContent content;
        if (gzipThreshold is { } threshold && body.WrittenCount > threshold)
        {
            var compressed = new MemoryStream(body.WrittenCount / 4 + 64);
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body.WrittenSpan);
            }

            content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new ReadOnlyMemoryContent(body.WrittenMemory);
        }

        content.Headers.ContentType = TextXml;
        return content;
    }
}
