using System.Xml;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Creates the only kind of <see cref="XmlReader"/> the codec uses: no DTD ever processed, no resolver, comments and
/// processing instructions skipped. It reads characters: the bytes were decoded by <see cref="DeclaredEncoding"/>'s
/// strict decoder, and the declaration's <c>encoding</c> is not looked at again. Synchronous: the characters come from
/// a document <see cref="BufferedDocument"/> already holds in memory (an asynchronous XmlReader allocates ~100 KB of
/// buffers per document, however small).
/// </summary>
internal static class SafeXmlReaderFactory
{
    /// <summary>Apache XML-RPC's extensions namespace, pre-declared so that <c>&lt;ex:nil/&gt;</c> reads even when a client forgets <c>xmlns:ex</c>.</summary>
    public const string ApacheExtensionsNamespace = "http://ws.apache.org/xmlrpc/namespaces/extensions";

    public static XmlReader Create(TextReader text) => XmlReader.Create(text, Settings(), Context());

    /// <summary>For bytes already checked to be valid UTF-8: XmlReader sizes its buffer to a seekable stream.</summary>
    public static XmlReader Create(Stream utf8) => XmlReader.Create(utf8, Settings(), Context());

    private static XmlReaderSettings Settings()
    {
        return new XmlReaderSettings
        {
            Async = false,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CheckCharacters = true,
            CloseInput = true,
            ConformanceLevel = ConformanceLevel.Document,
        };
    }

    private static XmlParserContext Context()
    {
        var names = new NameTable();
        var namespaces = new XmlNamespaceManager(names);
        namespaces.AddNamespace("ex", ApacheExtensionsNamespace);
        return new XmlParserContext(names, namespaces, xmlLang: null, XmlSpace.None);
    }
}
