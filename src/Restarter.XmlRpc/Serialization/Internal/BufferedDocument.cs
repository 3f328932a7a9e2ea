using System.Buffers;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// A whole document read into pooled memory before it is parsed. An asynchronous <see cref="System.Xml.XmlReader"/>
/// allocates about 100 KB of buffers per document however small the document is (the 160-byte <c>restart_unit</c>
/// call cost 104 KB per call); a synchronous one over bytes already in memory costs about 4 KB and no tasks. The
/// bytes are still read asynchronously, under the same byte limit and cancellation as before.
/// </summary>
internal sealed class BufferedDocument : IDisposable
{
    private const int InitialSize = 4096;

    // A length hint is trusted up to here: a client announcing a large body and sending none gets no large buffer.
    private const int MaxHintedSize = 1024 * 1024;

    private byte[]? _buffer;
    private int _length;

    private BufferedDocument(byte[] buffer) => _buffer = buffer;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end; the stream enforces the byte limit and cancellation. With a
    /// <paramref name="lengthHint"/> the buffer is sized for it (and the read that finds the end), not grown to it.
    /// </summary>
    public static async ValueTask<BufferedDocument> ReadToEndAsync(Stream stream, long? lengthHint, CancellationToken cancellationToken)
    {
        var size = lengthHint is { } hint ? (int)Math.Clamp(hint + 1, InitialSize, MaxHintedSize) : InitialSize;
        var document = new BufferedDocument(ArrayPool<byte>.Shared.Rent(size));
        try
        {
            while (true)
            {
                if (document._length == document._buffer!.Length)
                {
                    document.Grow();
                }

                var read = await stream.ReadAsync(document._buffer.AsMemory(document._length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return document;
                }

                document._length += read;
            }
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<byte> Bytes =>
        (_buffer ?? throw new ObjectDisposedException(nameof(BufferedDocument))).AsSpan(0, _length);

    public ArraySegment<byte> Segment =>
        new(_buffer ?? throw new ObjectDisposedException(nameof(BufferedDocument)), 0, _length);

    public MemoryStream OpenRead() =>
        new(_buffer ?? throw new ObjectDisposedException(nameof(BufferedDocument)), 0, _length, writable: false);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(checked(_buffer!.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
