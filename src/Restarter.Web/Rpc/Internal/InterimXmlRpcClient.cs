using System.Buffers;
using System.Net.Http.Headers;
using Restarter.XmlRpc;

namespace Restarter.Web.Rpc.Internal;

/// <summary>
/// A thin XML-RPC transport over <see cref="XmlRpcSerializer"/>, used until Restarter.XmlRpc's own client is available
/// to this project. Throws <see cref="HttpRequestException"/> for transport errors and non-200 statuses,
/// <see cref="XmlRpcFaultException"/> for faults and <see cref="XmlRpcFormatException"/> for anything that is not an
/// XML-RPC response.
/// </summary>
internal sealed class InterimXmlRpcClient(HttpClient httpClient, Uri address, AuthenticationHeaderValue? authorization)
{
    private static readonly XmlRpcReaderOptions ReaderOptions = new() { MaxDocumentBytes = 4 * 1024 * 1024 };

    public async Task<XmlRpcValue> InvokeAsync(string method, IReadOnlyList<XmlRpcValue> args, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>();
        XmlRpcSerializer.WriteMethodCall(body, new XmlRpcMethodCall(method, args));
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ReadOnlyMemoryContent(body.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        request.Headers.Authorization = authorization;
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var answer = await XmlRpcSerializer.ReadMethodResponseAsync(stream, ReaderOptions, cancellationToken).ConfigureAwait(false);
        return answer.Fault is { } fault ? throw new XmlRpcFaultException(fault.Code, fault.Message) : answer.Value!;
    }
}
