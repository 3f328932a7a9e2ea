using Restarter.XmlRpc.Serialization.Internal;

namespace Restarter.XmlRpc;

/// <summary>
/// Limits applied while reading an XML-RPC document. Each has a safe default and can be bound from configuration;
/// exceeding one is an <see cref="XmlRpcFormatException"/> with <see cref="XmlRpcFormatError.LimitExceeded"/>.
/// </summary>
public sealed class XmlRpcReaderOptions
{
    /// <summary>How deeply arrays and structs may nest (a top-level array is depth 1).</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>How many values and struct members one document may hold, all levels together.</summary>
    public int MaxValues { get; set; } = 100_000;

    /// <summary>How many characters the text of an integer (<c>int</c>, <c>i4</c>, <c>i8</c>...) may have.</summary>
    public int MaxNumberLength { get; set; } = 64;

    /// <summary>
    /// How many characters the text of a <c>&lt;double&gt;</c> may have. Larger than for integers because some writers
    /// print doubles without an exponent: PHP writes 1e100 as 108 characters, the largest double takes 317, and
    /// xmlrpc-c writes 5e-324 as 341 (interop/run.sh sends both).
    /// </summary>
    public int MaxDoubleLength { get; set; } = 350;

    /// <summary>How many bytes of the stream are read at most; 0 means no limit. Transports usually cap the body before this.</summary>
    public long MaxDocumentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>For tests that compare the two token readers.</summary>
    internal XmlRpcReadPath ReadPath { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDepth, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxValues, nameof(MaxValues));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNumberLength, nameof(MaxNumberLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDoubleLength, nameof(MaxDoubleLength));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDocumentBytes, nameof(MaxDocumentBytes));
    }
}
