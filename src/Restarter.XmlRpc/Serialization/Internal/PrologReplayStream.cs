namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Gives back the bytes already read to find the XML declaration, then the rest of the stream: the encoding is chosen
/// before decoding starts, and the request body cannot be rewound.
/// </summary>
internal sealed class PrologReplayStream(byte[] prolog, int prologLength, Stream rest) : Stream
{
    private int _replayed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => _replayed < prologLength ? Replay(buffer) : rest.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _replayed < prologLength ? new(Replay(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Replay(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, prologLength - _replayed);
        prolog.AsSpan(_replayed, count).CopyTo(buffer);
        _replayed += count;
        return count;
    }
}
