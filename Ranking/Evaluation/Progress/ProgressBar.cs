using System.Diagnostics;
using System.Globalization;

namespace LeadRecs.Ranking.Evaluation.Progress;

/// <summary>
/// A progress bar for long CLI work: bar, percentage, count, rate and ETA, written to stderr so stdout stays a
/// clean result table. On a terminal it redraws one line (at most 10 times a second); into a file or pipe it
/// writes a plain line at most every 5 s, so logs stay readable. <see cref="Advance"/> is thread-safe and cheap
/// when nothing is due to be drawn, so Parallel.For bodies can call it per item. A null writer makes it silent.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    private const int Width = 24;

    private readonly TextWriter? _writer;
    private readonly string _label;
    private readonly long _total;
    private readonly string _unit;
    private readonly bool _redraw;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _done;
    private long _lastDrawTicks;
    private string? _note;
    private bool _completed;

    public ProgressBar(TextWriter? writer, string label, long total, string unit, bool? redraw = null)
    {
        _writer = writer;
        _label = label;
        _total = Math.Max(total, 1);
        _unit = unit;
        _redraw = redraw ?? (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
        _interval = _redraw ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(5);
    }

    public long Done => Interlocked.Read(ref _done);

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Advance(long count = 1, string? note = null)
    {
        Interlocked.Add(ref _done, count);
        if (note is not null)
        {
            _note = note;
        }

        if (_writer is null || _clock.ElapsedTicks - Interlocked.Read(ref _lastDrawTicks) < _interval.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond)
        {
            return;
        }

        // Only one thread draws; the others carry on rather than wait for the console.
        if (_gate.TryEnter())
        {
            try
            {
                if (!_completed)
                {
                    Interlocked.Exchange(ref _lastDrawTicks, _clock.ElapsedTicks);
                    Draw(final: false);
                }
            }
            finally
            {
                _gate.Exit();
            }
        }
    }

    /// <summary>Draws the final state once, with the total elapsed time instead of an ETA.</summary>
    public void Complete(string? note = null)
    {
        if (note is not null)
        {
            _note = note;
        }

        lock (_gate)
        {
            if (_completed || _writer is null)
            {
                _completed = true;
                return;
            }

            _completed = true;
            Draw(final: true);
        }
    }

    public void Dispose() => Complete();

    /// <summary>The text of one bar line; public for tests.</summary>
    public static string Format(string label, long done, long total, string unit, TimeSpan elapsed, bool final, string? note)
    {
        var fraction = Math.Clamp(done / (double)Math.Max(total, 1), 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var rate = done / seconds;
        var time = final
            ? "in " + Clock(elapsed)
            : "ETA " + (rate > 0 ? Clock(TimeSpan.FromSeconds((total - done) / rate)) : "?");
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-20} [{new string('#', filled)}{new string('-', Width - filled)}] {fraction * 100,5:0.0}%  {done:N0}/{total:N0} {unit}  {Rate(rate)}/s  {time}");
        return note is null ? text : text + "  " + note;
    }

    private void Draw(bool final)
    {
        var line = Format(_label, Done, _total, _unit, _clock.Elapsed, final, _note);
        if (_redraw)
        {
            // Pad so a shorter line fully overwrites a longer one drawn before it.
            _writer!.Write("\r" + line.PadRight(110) + (final ? Environment.NewLine : string.Empty));
        }
        else
        {
            _writer!.WriteLine(line);
        }

        _writer.Flush();
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M",
        >= 1e4 => (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + "k",
        _ => perSecond.ToString(perSecond >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture),
    };

    private static string Clock(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
}
