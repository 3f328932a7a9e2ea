namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// A read-only view of a stream that fails past a number of bytes (with <see cref="XmlRpcFormatError.LimitExceeded"/>
/// unless <paramref name="tooLarge"/> makes another exception of the limit) and passes the caller's cancellation token to
/// every read (<see cref="System.Xml.XmlReader"/> has no token of its own).
/// </summary>
internal sealed class LengthLimitedStream(
    Stream inner, long maxBytes, CancellationToken cancellationToken, Func<long, Exception>? tooLarge = null) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken readCancellationToken = default)
    {
        using var linked = readCancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(readCancellationToken, cancellationToken)
            : null;
        return Count(await inner.ReadAsync(buffer, linked?.Token ?? cancellationToken).ConfigureAwait(false));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (maxBytes > 0 && _read > maxBytes)
        {
            throw tooLarge?.Invoke(maxBytes) ?? new XmlRpcFormatException(
                XmlRpcFormatError.LimitExceeded, $"The XML-RPC document is larger than the limit of {maxBytes} bytes.");
        }

        return read;
    }
}
