using System.Text;
using Restarter.Server.Logging.Internal;

namespace Restarter.Server.Tests.Logging;

public sealed class ConsoleBatchWriterTests
{
    [Fact]
    public async Task Lines_written_while_the_console_is_busy_go_out_together_in_order_and_none_is_lost()
    {
        var stdout = new GatedStream();
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());

        writer.Append(Line("first"), toStandardError: false);
        Assert.True(await stdout.WaitForFirstWriteAsync());
        for (var i = 0; i < 500; i++)
        {
            writer.Append(Line("line " + i), toStandardError: false);
        }

        stdout.Open();
        writer.Dispose();

        var expected = "first\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n"));
        Assert.Equal(expected, stdout.Text);
        // The first line alone, then the 500 that gathered meanwhile in one write.
        Assert.Equal(2, stdout.Writes);
    }

    [Fact]
    public async Task A_flush_completes_once_the_lines_before_it_are_written_and_not_sooner()
    {
        var stdout = new GatedStream();
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10)); // nothing appended: nothing to wait for

        writer.Append(Line("first"), toStandardError: false);
        Assert.True(await stdout.WaitForFirstWriteAsync());
        writer.Append(Line("second"), toStandardError: false);
        var flushed = writer.FlushAsync();
        await Task.Delay(300);
        Assert.False(flushed.IsCompleted);

        stdout.Open();
        await flushed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("first\nsecond\n", stdout.Text);
        writer.Dispose();
    }

    [Fact]
    public async Task Lines_from_many_threads_each_arrive_whole()
    {
        var stdout = new GatedStream();
        stdout.Open();
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Append(Line($"thread {t} line {i} " + new string('x', i % 97)), toStandardError: false);
            }
        })));
        writer.Dispose();

        var lines = stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8000, lines.Length);
        for (var t = 0; t < 8; t++)
        {
            var mine = lines.Where(l => l.StartsWith($"thread {t} ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"thread {t} line {i} " + new string('x', i % 97)), mine);
        }
    }

    [Fact]
    public async Task A_console_that_does_not_keep_up_holds_writers_back_instead_of_growing_without_bound()
    {
        var stdout = new GatedStream();
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());
        writer.Append(Line("first"), toStandardError: false);
        Assert.True(await stdout.WaitForFirstWriteAsync());

        var big = Line(new string('y', 1023));
        var flood = Task.Run(() =>
        {
            for (var i = 0; i < 2 * ConsoleBatchWriter.MaxPendingBytes / 1024; i++)
            {
                writer.Append(big, toStandardError: false);
            }
        });

        await Task.Delay(500);
        Assert.False(flood.IsCompleted);

        stdout.Open();
        await flood.WaitAsync(TimeSpan.FromSeconds(10));
        writer.Dispose();
        Assert.Equal(6 + (2 * ConsoleBatchWriter.MaxPendingBytes), stdout.Text.Length);
    }

    [Fact]
    public void A_console_that_fails_loses_those_lines_but_not_the_process_nor_later_lines()
    {
        var stdout = new GatedStream();
        stdout.Open();
        stdout.FailNextWrite = true;
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());

        writer.Append(Line("lost"), toStandardError: false);
        SpinWait.SpinUntil(() => !stdout.FailNextWrite, TimeSpan.FromSeconds(10));
        writer.Append(Line("kept"), toStandardError: false);
        writer.Dispose();

        Assert.Equal("kept\n", stdout.Text);
    }

    [Fact]
    public void Standard_error_lines_go_to_standard_error()
    {
        var stdout = new GatedStream();
        var stderr = new GatedStream();
        stdout.Open();
        stderr.Open();
        var writer = new ConsoleBatchWriter(stdout, stderr);

        writer.Append(Line("out"), toStandardError: false);
        writer.Append(Line("err"), toStandardError: true);
        writer.Dispose();

        Assert.Equal("out\n", stdout.Text);
        Assert.Equal("err\n", stderr.Text);
    }

    [Fact]
    public void Text_is_written_as_UTF8()
    {
        var stdout = new GatedStream();
        stdout.Open();
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());

        writer.Append(Line("identifier=\"١٢٣٤\" ✓"), toStandardError: false);
        writer.Dispose();

        Assert.Equal("identifier=\"١٢٣٤\" ✓\n", stdout.Text);
    }

    [Fact]
    public void A_character_split_between_two_chunks_of_the_text_stays_whole()
    {
        var stdout = new GatedStream();
        stdout.Open();
        var writer = new ConsoleBatchWriter(stdout, new GatedStream());
        var text = new StringBuilder(2).Append("a\uD83D").Append("\uDE00b\n");
        Assert.Equal(2, CountChunks(text));

        writer.Append(text, toStandardError: false);
        writer.Dispose();

        Assert.Equal("a\U0001F600b\n", stdout.Text);
    }

    private static int CountChunks(StringBuilder text)
    {
        var count = 0;
        foreach (var unused in text.GetChunks())
        {
            count++;
        }

        return count;
    }

    private static StringBuilder Line(string text) => new StringBuilder(text).Append('\n');

    /// <summary>A console stand-in whose writes wait until <see cref="Open"/> (the journal being slow) and can fail once.</summary>
    internal sealed class GatedStream : Stream
    {
        private readonly ManualResetEventSlim _open = new();
        private readonly SemaphoreSlim _firstWrite = new(0);
        private readonly MemoryStream _written = new();
        private int _writes;

        public volatile bool FailNextWrite;

        public string Text => Encoding.UTF8.GetString(_written.ToArray());

        public int Writes => Volatile.Read(ref _writes);

        public Task<bool> WaitForFirstWriteAsync() => _firstWrite.WaitAsync(TimeSpan.FromSeconds(10));

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Open() => _open.Set();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Interlocked.Increment(ref _writes) == 1)
            {
                _firstWrite.Release();
            }

            _open.Wait();
            if (FailNextWrite)
            {
                FailNextWrite = false;
                throw new IOException("Broken pipe");
            }

            lock (_written)
            {
                _written.Write(buffer);
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
