using System.Xml;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Recognises the <see cref="XmlException"/> an <see cref="XmlReader"/> throws on a DOCTYPE when
/// <see cref="DtdProcessing.Prohibit"/> is set. <see cref="XmlException"/> carries no error code, so the message is
/// learnt once from the runtime itself (same resources, same culture) rather than hard-coded.
/// </summary>
internal static class DtdProhibitedDetector
{
    private static readonly string ProhibitedMessage = LearnMessage();

    public static bool IsDtdProhibited(XmlException exception) => string.Equals(exception.Message, ProhibitedMessage, StringComparison.Ordinal);

    private static string LearnMessage()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader("<!DOCTYPE a><a/>"), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException exception)
        {
            return exception.Message;
        }

        throw new InvalidOperationException("XmlReader accepted a DOCTYPE although DtdProcessing.Prohibit was set.");
    }
}
