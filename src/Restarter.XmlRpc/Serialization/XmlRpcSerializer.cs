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
        return new XmlRpcDocumentReader(tokens, options, cancellationToken).ReadMethodCall();
    }

    /// <summary>Reads a whole <c>&lt;methodResponse&gt;</c> document (a value or a fault), up to the end of the stream.</summary>
    /// <exception cref="XmlRpcFormatException">The bytes are not a valid method response, or a limit was exceeded.</exception>
    public static async ValueTask<XmlRpcMethodResponse> ReadMethodResponseAsync(Stream stream, XmlRpcReaderOptions options, CancellationToken cancellationToken = default)
    {
        using var tokens = await OpenTokensAsync(stream, options, cancellationToken).ConfigureAwait(false);
        return new XmlRpcDocumentReader(tokens, options, cancellationToken).ReadMethodResponse();
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
            // Decode with the encoding the byte order mark or the XML declaration names, strictly.
            var bytes = document.Bytes;
            var encoding = DeclaredEncoding.Detect(bytes[..Math.Min(bytes.Length, DeclaredEncoding.MaxPrologBytes)]);
            return new XmlRpcTokenReader(CreateXmlReader(document, encoding), document);
        }
        catch (DecoderFallbackException e)
        {
            document.Dispose();
            throw XmlRpcTokenReader.InvalidBytes(e);
        }
        catch (XmlException e)
        {
            document.Dispose();
            throw XmlRpcTokenReader.Translate(e, sawRoot: false);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The characters of the document, decoded strictly. A small document (every real call) is decoded at once: a
    /// StreamReader's buffers cost more than the whole restart_unit call. A large one is decoded as it is read.
    /// </summary>
    private static XmlReader CreateXmlReader(BufferedDocument document, System.Text.Encoding encoding)
    {
        // UTF-8 (nearly every request): checked without allocating, then XmlReader decodes it from the buffer itself,
        // with a buffer sized to the document. Its own decoder is strict except for a sequence cut short at the very end.
        if (encoding.CodePage == 65001)
        {
            return System.Text.Unicode.Utf8.IsValid(document.Bytes)
                ? SafeXmlReaderFactory.Create(document.OpenRead())
                : throw new XmlRpcFormatException(XmlRpcFormatError.MalformedXml, "The document is not well-formed XML: it holds bytes that are not valid UTF-8.");
        }

        return CreateXmlReader(Decode(document, encoding));
    }

    private static TextReader Decode(BufferedDocument document, System.Text.Encoding encoding)
    {
        const int DecodeAtOnceBytes = 32 * 1024;
        var bytes = document.Bytes;
        if (bytes.Length > DecodeAtOnceBytes)
        {
            return new StreamReader(document.OpenRead(), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 4096);
        }

        var preamble = encoding.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        try
        {
            return new StringReader(encoding.GetString(bytes));
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw XmlRpcTokenReader.InvalidBytes(e);
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
