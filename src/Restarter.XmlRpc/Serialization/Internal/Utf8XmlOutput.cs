using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// The byte-level primitives of the writer: literal markup, escaped text as UTF-8, numbers, base64 lines. Writes into
/// a block of the <see cref="IBufferWriter{T}"/> and commits each block when it is full, the last at
/// <see cref="Flush"/>: two interface calls per piece of markup were most of what writing the markup cost.
/// </summary>
internal sealed class Utf8XmlOutput(IBufferWriter<byte> output)
{
    // base64.encodebytes: 57 input bytes make one 76-character line, every line ends with "\n".
    private const int Base64BytesPerLine = 57;
    private const int Base64CharsPerLine = 76;
    private const int TextChunk = 4096;
    private const int BlockSize = 4096;

    private Memory<byte> _block;
    private byte[]? _blockArray;
    private int _blockStart;
    private int _position;
    private int _blockEnd;

    public void Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(GetSpan(utf8.Length));
        Advance(utf8.Length);
    }

    /// <summary>Commits the last block; the document is complete in the buffer writer only after this.</summary>
    public void Flush()
    {
        output.Advance(_position - _blockStart);
        _block = default;
        _blockArray = null;
        _blockStart = _position = _blockEnd = 0;
    }

    /// <summary>
    /// Escapes as Python's <c>escape()</c> (&amp;, &lt;, &gt; only), plus CR as <c>&amp;#13;</c>: Python writes a raw CR,
    /// which every XML parser turns into LF, so its strings lose their CRs; ours keep them and Python reads them back.
    /// </summary>
    public void Escaped(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var special = IndexOfSpecial(text);
            var plain = special < 0 ? text : text[..special];
            Utf8(plain);
            if (special < 0)
            {
                return;
            }

            Raw(text[special] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                _ => "&#13;"u8,
            });
            text = text[(special + 1)..];
        }
    }

    // A loop rather than SearchValues: strings are short, and its vectorized search is slow at NativeAOT's baseline ISA.
    private static int IndexOfSpecial(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] <= '>' && text[i] is '&' or '<' or '>' or '\r')
            {
                return i;
            }
        }

        return -1;
    }

    public void Integer(long value)
    {
        var span = GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        Advance(written);
    }

    /// <summary>yyyyMMddTHH:mm:ss, as Python's <c>%4Y%m%dT%H:%M:%S</c>: whole seconds, four-digit year.</summary>
    public void DateTime(DateTime value)
    {
        var span = GetSpan(17);
        Digits(span[..4], value.Year);
        Digits(span[4..6], value.Month);
        Digits(span[6..8], value.Day);
        span[8] = (byte)'T';
        Digits(span[9..11], value.Hour);
        span[11] = (byte)':';
        Digits(span[12..14], value.Minute);
        span[14] = (byte)':';
        Digits(span[15..17], value.Second);
        Advance(17);

        static void Digits(Span<byte> destination, int number)
        {
            for (var i = destination.Length - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (number % 10));
                number /= 10;
            }
        }
    }

    public void Ascii(string text)
    {
        var span = GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        Advance(text.Length);
    }

    public void Base64Lines(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var line = data[..Math.Min(Base64BytesPerLine, data.Length)];
            var span = GetSpan(Base64CharsPerLine + 1);
            Base64.EncodeToUtf8(line, span, out _, out var written);
            span[written] = (byte)'\n';
            Advance(written + 1);
            data = data[line.Length..];
        }
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var chunk = text.Length <= TextChunk ? text.Length : TextChunk;
            if (char.IsHighSurrogate(text[chunk - 1]) && chunk < text.Length)
            {
                chunk--;
            }

            var span = GetSpan(chunk * 3);
            var status = System.Text.Unicode.Utf8.FromUtf16(text[..chunk], span, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new XmlRpcFormatException(XmlRpcFormatError.InvalidValue, "A string holds a lone surrogate, which UTF-8 cannot carry.");
            }

            Advance(written);
            text = text[read..];
        }
    }

    /// <summary>At least <paramref name="sizeHint"/> free bytes of the current block, committing it first if it has fewer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> GetSpan(int sizeHint)
    {
        // Straight into the array behind the block when there is one: Memory<T>.Span costs a type check per call.
        if (_blockArray is { } array && _blockEnd - _position >= sizeHint)
        {
            return array.AsSpan(_position, _blockEnd - _position);
        }

        return NextBlock(sizeHint);
    }

    private Span<byte> NextBlock(int sizeHint)
    {
        if (_block.Length - (_position - _blockStart) < sizeHint)
        {
            if (_position > _blockStart)
            {
                output.Advance(_position - _blockStart);
            }

            _block = output.GetMemory(Math.Max(sizeHint, BlockSize));
            _blockArray = MemoryMarshal.TryGetArray<byte>(_block, out var segment) ? segment.Array : null;
            _blockStart = _position = _blockArray is null ? 0 : segment.Offset;
            _blockEnd = _blockStart + _block.Length;
        }

        return _blockArray is not null ? _blockArray.AsSpan(_position, _blockEnd - _position) : _block.Span[(_position - _blockStart)..];
    }

    private void Advance(int count) => _position += count;
}
