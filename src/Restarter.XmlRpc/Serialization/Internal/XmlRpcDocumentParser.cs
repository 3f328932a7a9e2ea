using System.Text;
using System.Xml;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Chooses how a buffered document is tokenized, then runs the grammar over it. UTF-8 (nearly every request) is read by
/// <see cref="Utf8TokenReader"/> straight from the bytes; when that reader declines, or the grammar finds an error, the
/// document is read again by <see cref="XmlReaderTokenReader"/>, so that every error is XmlReader's and the grammar's,
/// worded as before. Other encodings are decoded strictly and go to XmlReader directly.
/// </summary>
internal static class XmlRpcDocumentParser
{
    public static XmlRpcMethodCall ReadMethodCall(BufferedDocument document, XmlRpcReaderOptions options, CancellationToken cancellationToken) =>
        Parse(document, options, static reader => reader.ReadMethodCall(), static reader => reader.ReadMethodCall(), cancellationToken);

    public static XmlRpcMethodResponse ReadMethodResponse(BufferedDocument document, XmlRpcReaderOptions options, CancellationToken cancellationToken) =>
        Parse(document, options, static reader => reader.ReadMethodResponse(), static reader => reader.ReadMethodResponse(), cancellationToken);

    private static T Parse<T>(
        BufferedDocument document,
        XmlRpcReaderOptions options,
        Func<XmlRpcDocumentReader<Utf8TokenReader>, T> readUtf8,
        Func<XmlRpcDocumentReader<XmlReaderTokenReader>, T> readWithXmlReader,
        CancellationToken cancellationToken)
    {
        var bytes = document.Bytes;
        var encoding = DeclaredEncoding.Detect(bytes[..Math.Min(bytes.Length, DeclaredEncoding.MaxPrologBytes)]);
        var isUtf8 = encoding.CodePage == 65001;
        if (isUtf8 && !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new XmlRpcFormatException(XmlRpcFormatError.MalformedXml, "The document is not well-formed XML: it holds bytes that are not valid UTF-8.");
        }

        if (isUtf8 && options.ReadPath != XmlRpcReadPath.XmlReaderOnly)
        {
            try
            {
                return readUtf8(new XmlRpcDocumentReader<Utf8TokenReader>(new Utf8TokenReader(document.Segment), options, cancellationToken));
            }
            catch (Exception e) when (options.ReadPath == XmlRpcReadPath.Auto && e is Utf8TokenReaderDeclinedException or XmlRpcFormatException)
            {
                // Read again below: XmlReader gives the verdict and the wording.
            }
        }
        else if (options.ReadPath == XmlRpcReadPath.Utf8Only)
        {
            throw new Utf8TokenReaderDeclinedException($"the document is encoded in {encoding.WebName}");
        }

        using var tokens = new XmlReaderTokenReader(isUtf8 ? CreateXmlReader(document) : CreateXmlReader(Decode(document, encoding)));
        return readWithXmlReader(new XmlRpcDocumentReader<XmlReaderTokenReader>(tokens, options, cancellationToken));
    }

    /// <summary>UTF-8, already checked: XmlReader decodes it from the buffer itself, with a buffer sized to the document.</summary>
    private static XmlReader CreateXmlReader(BufferedDocument document)
    {
        try
        {
            return SafeXmlReaderFactory.Create(document.OpenRead());
        }
        catch (XmlException e)
        {
            throw XmlReaderTokenReader.Translate(e, sawRoot: false);
        }
    }

    /// <summary>
    /// The characters of the document, decoded strictly. A small document is decoded at once: a StreamReader's buffers
    /// cost more than a whole small call. A large one is decoded as it is read.
    /// </summary>
    private static TextReader Decode(BufferedDocument document, Encoding encoding)
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
        catch (DecoderFallbackException e)
        {
            throw XmlReaderTokenReader.InvalidBytes(e);
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
            throw XmlReaderTokenReader.InvalidBytes(e);
        }
        catch (XmlException e) when (e.InnerException is DecoderFallbackException invalidBytes)
        {
            throw XmlReaderTokenReader.InvalidBytes(invalidBytes);
        }
        catch (XmlException e)
        {
            throw XmlReaderTokenReader.Translate(e, sawRoot: false);
        }
    }
}
