using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Restarter.XmlRpc.Tests.Client;

/// <summary>
/// A handler between the client and the socket that records what crossed the wire: the request as sent, and the
/// response headers before anything decodes the body.
/// </summary>
internal sealed class WireObserver() : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
{
    public ConcurrentQueue<(HttpRequestMessage Request, Version Version, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)> Exchanges { get; } = new();

    public (HttpRequestMessage Request, Version Version, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders) Last => Exchanges.Last();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Exchanges.Enqueue((request, response.Version, response.Headers, response.Content.Headers));
        return response;
    }
}
