using System.Xml;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Creates the only kind of <see cref="XmlReader"/> the codec uses: no DTD ever processed, no resolver,
/// comments and processing instructions skipped, encoding taken from the prolog. Synchronous: it reads a document
/// that <see cref="BufferedDocument"/> has already read into memory.
/// </summary>
internal static class SafeXmlReaderFactory
{
    /// <summary>Apache XML-RPC's extensions namespace, pre-declared so that <c>&lt;ex:nil/&gt;</c> reads even when a client forgets <c>xmlns:ex</c>.</summary>
    public const string ApacheExtensionsNamespace = "http://ws.apache.org/xmlrpc/namespaces/extensions";

    public static XmlReader Create(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            Async = false,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CheckCharacters = true,
            CloseInput = false,
            ConformanceLevel = ConformanceLevel.Document,
        };

        var names = new NameTable();
        var namespaces = new XmlNamespaceManager(names);
        namespaces.AddNamespace("ex", ApacheExtensionsNamespace);
        return XmlReader.Create(stream, settings, new XmlParserContext(names, namespaces, xmlLang: null, XmlSpace.None));
    }
}
