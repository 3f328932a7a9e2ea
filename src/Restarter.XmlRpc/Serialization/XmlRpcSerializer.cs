using System.Buffers;
using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// Reads and writes XML-RPC documents. Reading is streaming and asynchronous over an <see cref="System.Xml.XmlReader"/>
/// that never processes a DTD, bounded by <see cref="XmlRpcReaderOptions"/>; writing produces the bytes Python's
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

        // Read up to the end of the XML declaration (its first '>'), to decode with the encoding it declares.
        var prolog = new byte[DeclaredEncoding.MaxPrologBytes];
        var length = 0;
        while (length < prolog.Length)
        {
            var read = await limited.ReadAsync(prolog.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var sawEnd = prolog.AsSpan(length, read).Contains((byte)'>');
            length += read;
            if (sawEnd)
            {
                break;
            }
        }

        var encoding = DeclaredEncoding.Detect(prolog.AsSpan(0, length));
        var text = new StreamReader(
            new PrologReplayStream(prolog, length, limited), encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        return new XmlRpcTokenReader(SafeXmlReaderFactory.Create(text));
    }
}
