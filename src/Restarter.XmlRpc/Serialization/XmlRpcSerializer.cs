using System.Buffers;
using System.Text;
using System.Xml;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// Reads and writes XML-RPC documents. Reading takes the bytes asynchronously (bounded by
/// <see cref="XmlRpcReaderOptions.MaxDocumentBytes"/>) into pooled memory, then parses them forward-only with an
/// <see cref="System.Xml.XmlReader"/> that never processes a DTD, bounded by the other <see cref="XmlRpcReaderOptions"/>; writing produces the bytes Python's
/// <c>xmlrpc.client.dumps</c> produces for the same values.
/// </summary>
public static class XmlRpcSerializer
{
    /// <summary>Reads a whole <c>&lt;methodCall&gt;</c> document, up to the end of the stream.</summary>
    /// <exception cref="XmlRpcFormatException">The bytes are not a valid method call, or a limit was exceeded.</exception>
    public static async ValueTask<XmlRpcMethodCall> ReadMethodCallAsync(Stream stream, XmlRpcReaderOptions options, CancellationToken cancellationToken = default)
    {
        using var tokens = await OpenTokensAsync(stream, options, cancellationToken).ConfigureAwait(false);
        return await new XmlRpcDocumentReader(tokens, options, cancellationToken).ReadMethodCallAsync().ConfigureAwait(false);
    }

    /// <summary>Reads a whole <c>&lt;methodResponse&gt;</c> document (a value or a fault), up to the end of the stream.</summary>
    /// <exception cref="XmlRpcFormatException">The bytes are not a valid method response, or a limit was exceeded.</exception>
    public static async ValueTask<XmlRpcMethodResponse> ReadMethodResponseAsync(Stream stream, XmlRpcReaderOptions options, CancellationToken cancellationToken = default)
    {
        using var tokens = await OpenTokensAsync(stream, options, cancellationToken).ConfigureAwait(false);
        return await new XmlRpcDocumentReader(tokens, options, cancellationToken).ReadMethodResponseAsync().ConfigureAwait(false);
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

    private static async ValueTask<XmlRpcTokenReader> OpenTokensAsync(Stream stream, XmlRpcReaderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var limited = new LengthLimitedStream(stream, options.MaxDocumentBytes, cancellationToken);
        var document = await BufferedDocument.ReadToEndAsync(limited, cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = document.Bytes;
            var encoding = DeclaredEncoding.Detect(bytes[..Math.Min(bytes.Length, DeclaredEncoding.MaxPrologBytes)]);
            // The bytes are already in memory: a buffer larger than the document would only be allocated for nothing.
            var text = new StreamReader(
                document.OpenRead(), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: Math.Clamp(bytes.Length, 128, 4096));
            return new XmlRpcTokenReader(CreateXmlReader(text), document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // A synchronous XmlReader decodes its first buffer while it is created, so the strict decoder can refuse bytes here.
    private static XmlReader CreateXmlReader(TextReader text)
    {
        try
        {
            return SafeXmlReaderFactory.Create(text);
        }
        catch (DecoderFallbackException e)
        {
            throw XmlRpcTokenReader.InvalidBytes(e);
        }
        catch (XmlException e) when (e.InnerException is DecoderFallbackException invalidBytes)
        {
            throw XmlRpcTokenReader.InvalidBytes(invalidBytes);
        }
    }
}
