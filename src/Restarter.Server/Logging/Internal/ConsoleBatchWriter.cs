using System.Buffers;
using System.Text;
using Restarter.Server.Logging;

namespace Restarter.Server.Logging.Internal;

/// <summary>
/// Collects formatted log lines in memory and writes them to stdout (or stderr) from one background thread, as many lines
/// per <c>write(2)</c> as have gathered since the last one. Under load that is one system call for dozens of lines instead
/// of one per line, and the request threads never touch the console. Nothing is dropped: when the console cannot keep up
/// and <see cref="MaxPendingBytes"/> are waiting, writers block until the thread has caught up (as the console logger's
/// own queue does), and disposing writes out everything accepted before it. <see cref="FlushAsync"/> waits until what was
/// appended so far has reached the kernel (the journal's socket or a pipe), where it survives the process being killed.
/// </summary>
internal sealed class ConsoleBatchWriter : IDisposable, ILogFlush
{
    public const int MaxPendingBytes = 1024 * 1024;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly Output[] _outputs;
    private readonly Thread _thread;
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly List<(long Entry, TaskCompletionSource Done)> _flushes = [];
    private bool _completed;

    // Entries appended so far, and how many of them have been written (or failed to be).
    private long _appended;
    private long _written;

    public ConsoleBatchWriter(Stream standardOutput, Stream standardError)
    {
        _outputs = [new Output(standardOutput), new Output(standardError)];
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "Console log writer" };
        _thread.Start();
    }

    /// <summary>Queues one formatted entry (the formatter's text, already ending in a newline).</summary>
    public void Append(StringBuilder text, bool toStandardError)
    {
        var output = _outputs[toStandardError ? 1 : 0];
        lock (_gate)
        {
            while (!_completed && _outputs[0].Pending.WrittenCount + _outputs[1].Pending.WrittenCount >= MaxPendingBytes)
            {
                Monitor.Wait(_gate);
            }

            var wasIdle = _outputs[0].Pending.WrittenCount == 0 && _outputs[1].Pending.WrittenCount == 0;
            _appended++;
            // One encoder across the chunks: a surrogate pair may be split between two of them.
            foreach (var chunk in text.GetChunks())
            {
                var bytes = output.Pending.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
                output.Pending.Advance(_encoder.GetBytes(chunk.Span, bytes, flush: false));
            }

            output.Pending.Advance(_encoder.GetBytes([], output.Pending.GetSpan(Encoding.UTF8.GetMaxByteCount(0)), flush: true));

            if (_completed)
            {
                // After disposal (a last line from a finalizer or a late shutdown log) there is no thread: write inline.
                output.WritePending();
                _written = _appended;
            }
            else if (wasIdle)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Completes when every entry appended before the call has been written.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            if (_written >= _appended || _completed)
            {
                return Task.CompletedTask;
            }

            // Completed on the writer thread; the awaiting request must not continue on it.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((_appended, done));
            return done.Task;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join(DrainTimeout);
    }

    private void WriteLoop()
    {
        long batchEnd = 0;
        while (true)
        {
            lock (_gate)
            {
                _written = batchEnd;
                CompleteFlushes();

                while (!_completed && _outputs[0].Pending.WrittenCount == 0 && _outputs[1].Pending.WrittenCount == 0)
                {
                    Monitor.Wait(_gate);
                }

                var drained = _outputs[0].Pending.WrittenCount == 0 && _outputs[1].Pending.WrittenCount == 0;
                if (_completed && drained)
                {
                    _written = _appended;
                    CompleteFlushes();
                    return;
                }

                foreach (var output in _outputs)
                {
                    output.Swap();
                }

                batchEnd = _appended;

                // Writers waiting for room may go on while this thread writes.
                Monitor.PulseAll(_gate);
            }

            foreach (var output in _outputs)
            {
                output.WriteSwapped();
            }
        }
    }

    private void CompleteFlushes()
    {
        for (var i = _flushes.Count - 1; i >= 0; i--)
        {
            if (_flushes[i].Entry <= _written)
            {
                _flushes[i].Done.SetResult();
                _flushes.RemoveAt(i);
            }
        }
    }

    /// <summary>One console stream: the buffer being filled and the one being written (swapped under the lock).</summary>
    private sealed class Output(Stream stream)
    {
        private const int InitialBytes = 16 * 1024;

        private ArrayBufferWriter<byte> _writing = new(InitialBytes);

        public ArrayBufferWriter<byte> Pending { get; private set; } = new(InitialBytes);

        public void Swap() => (Pending, _writing) = (_writing, Pending);

        public void WriteSwapped()
        {
            Write(_writing);
            if (_writing.Capacity > 4 * InitialBytes)
            {
                // A burst grew it; do not keep that much per stream for the rest of the process's life.
                _writing = new ArrayBufferWriter<byte>(InitialBytes);
            }
        }

        public void WritePending() => Write(Pending);

        private void Write(ArrayBufferWriter<byte> buffer)
        {
            if (buffer.WrittenCount == 0)
            {
                return;
            }

            try
            {
                stream.Write(buffer.WrittenSpan);
            }
            catch (IOException)
            {
                // stdout gone (journald restarted, pipe closed): there is nowhere left to report it; the lines are lost
                // exactly as they would be with the console logger.
            }

            buffer.ResetWrittenCount();
        }
    }
}
