namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>An XML declaration: its length in bytes, whether its version is 1.0, and the encoding it names (null for none).</summary>
internal readonly record struct XmlDeclaration(int Length, bool IsVersion10, string? Encoding);
