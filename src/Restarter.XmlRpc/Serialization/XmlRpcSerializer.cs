using System.Buffers;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// Reads and writes XML-RPC documents. Reading takes the bytes asynchronously (bounded by
/// <see cref="XmlRpcReaderOptions.MaxDocumentBytes"/>) into pooled memory, then parses them forward-only, straight from
/// UTF-8 bytes or with an <see cref="System.Xml.XmlReader"/> that never processes a DTD, bounded by the other
/// <see cref="XmlRpcReaderOptions"/>; writing produces the bytes Python's
/// <c>xmlrpc.client.dumps</c> produces for the same values.
/// </summary>
public static class XmlRpcSerializer
{
    /// <summary>Reads a whole <c>&lt;methodCall&gt;</c> document, up to the end of the stream.</summary>
    /// <exception cref="XmlRpcFormatException">The bytes are not a valid method call, or a limit was exceeded.</exception>
    public static ValueTask<XmlRpcMethodCall> ReadMethodCallAsync(Stream stream, XmlRpcReaderOptions options, CancellationToken cancellationToken = default) =>
        ReadMethodCallAsync(stream, options, lengthHint: null, cancellationToken);

    /// <summary>The same, given the length of the document if the transport knows it (HTTP's Content-Length), so that it is read into one buffer.</summary>
    internal static async ValueTask<XmlRpcMethodCall> ReadMethodCallAsync(Stream stream, XmlRpcReaderOptions options, long? lengthHint, CancellationToken cancellationToken)
    {
        using var document = await ReadToEndAsync(stream, options, lengthHint, cancellationToken).ConfigureAwait(false);
        return XmlRpcDocumentParser.ReadMethodCall(document, options, cancellationToken);
    }

    /// <summary>Reads a whole <c>&lt;methodResponse&gt;</c> document (a value or a fault), up to the end of the stream.</summary>
    /// <exception cref="XmlRpcFormatException">The bytes are not a valid method response, or a limit was exceeded.</exception>
    public static async ValueTask<XmlRpcMethodResponse> ReadMethodResponseAsync(Stream stream, XmlRpcReaderOptions options, CancellationToken cancellationToken = default)
    {
        using var document = await ReadToEndAsync(stream, options, lengthHint: null, cancellationToken).ConfigureAwait(false);
        return XmlRpcDocumentParser.ReadMethodResponse(document, options, cancellationToken);
    }

    /// <summary>Writes a <c>&lt;methodCall&gt;</c> as UTF-8.</summary>
    /// <exception cref="XmlRpcFormatException">
    /// A string holds a character XML 1.0 cannot carry, or an array or struct contains itself; nothing was written.
    /// </exception>
    public static void WriteMethodCall(IBufferWriter<byte> output, XmlRpcMethodCall call)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(call);
        XmlRpcMessageWriter.WriteMethodCall(output, call);
    }

    /// <summary>Writes a <c>&lt;methodResponse&gt;</c> (a value or a fault) as UTF-8.</summary>
    /// <exception cref="XmlRpcFormatException">
    /// A string holds a character XML 1.0 cannot carry, or an array or struct contains itself; nothing was written.
    /// </exception>
    public static void WriteMethodResponse(IBufferWriter<byte> output, XmlRpcMethodResponse response)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(response);
        XmlRpcMessageWriter.WriteMethodResponse(output, response);
    }

    private static async ValueTask<BufferedDocument> ReadToEndAsync(Stream stream, XmlRpcReaderOptions options, long? lengthHint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (lengthHint is null && stream.CanSeek)
        {
            lengthHint = stream.Length - stream.Position;
        }

        var limited = new LengthLimitedStream(stream, options.MaxDocumentBytes, cancellationToken);
        return await BufferedDocument.ReadToEndAsync(limited, lengthHint, cancellationToken).ConfigureAwait(false);
    }
}
