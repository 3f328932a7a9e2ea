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

    /// <summary>How many characters the text of an integer or double may have.</summary>
    /// <remarks>
    /// Other stacks write doubles without exponents: PHP's xmlrpc-epi with <c>%f</c> (the largest double takes 317
    /// characters), xmlrpc-c as plain decimals (5e-324 takes 341).
    /// </remarks>
    public int MaxNumberLength { get; set; } = 400;

    /// <summary>How many bytes of the stream are read at most; 0 means no limit. Transports usually cap the body before this.</summary>
    public long MaxDocumentBytes { get; set; } = 16 * 1024 * 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDepth, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxValues, nameof(MaxValues));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNumberLength, nameof(MaxNumberLength));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDocumentBytes, nameof(MaxDocumentBytes));
    }
}
