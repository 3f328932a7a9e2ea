namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// <see cref="Utf8TokenReader"/> met something it leaves to <see cref="XmlReaderTokenReader"/>: a construct it does
/// not read itself, or a document that is not well-formed. Never leaves the codec; the message says which, for tests.
/// </summary>
internal sealed class Utf8TokenReaderDeclinedException(string reason) : Exception(reason);
