using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Unicode;

namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>The byte-level primitives of the writer: literal markup, escaped text as UTF-8, numbers, base64 lines.</summary>
internal sealed class Utf8XmlOutput(IBufferWriter<byte> output)
{
    // base64.encodebytes: 57 input bytes make one 76-character line, every line ends with "\n".
    private const int Base64BytesPerLine = 57;
    private const int Base64CharsPerLine = 76;
    private const int TextChunk = 4096;

    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create("&<>\r");

    public void Raw(ReadOnlySpan<byte> utf8) => output.Write(utf8);

    /// <summary>
    /// Escapes as Python's <c>escape()</c> (&amp;, &lt;, &gt; only), plus CR as <c>&amp;#13;</c>: Python writes a raw CR,
    /// which every XML parser turns into LF, so its strings lose their CRs; ours keep them and Python reads them back.
    /// </summary>
    public void Escaped(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(NeedsEscaping);
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

    public void Integer(long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    public void Ascii(string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    public void Base64Lines(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var line = data[..Math.Min(Base64BytesPerLine, data.Length)];
            var span = output.GetSpan(Base64CharsPerLine + 1);
            Base64.EncodeToUtf8(line, span, out _, out var written);
            span[written] = (byte)'\n';
            output.Advance(written + 1);
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

            var span = output.GetSpan(chunk * 3);
            var status = System.Text.Unicode.Utf8.FromUtf16(text[..chunk], span, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new XmlRpcFormatException(XmlRpcFormatError.InvalidValue, "A string holds a lone surrogate, which UTF-8 cannot carry.");
            }

            output.Advance(written);
            text = text[read..];
        }
    }
}
