using System.Diagnostics;
using System.Globalization;

namespace WellnessBot.Benchmarks;

/// <summary>Latency samples and the figures printed from them.</summary>
internal sealed class Samples(string name)
{
    private readonly List<double> _microseconds = [];

    public static Samples From(string name, IEnumerable<double> microseconds)
    {
        var samples = new Samples(name);
        samples._microseconds.AddRange(microseconds);
        return samples;
    }

    public static async Task<Samples> TimeAsync(string name, int count, Func<int, Task> operation)
    {
        var samples = new Samples(name);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            samples._microseconds.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        return samples;
    }

    public double Percentile(double p)
    {
        var sorted = _microseconds.Order().ToArray();
        var index = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public IReadOnlyList<double> Raw => _microseconds;
    public double Median => Percentile(50);
    public double P99 => Percentile(99);

    public string Line(string? target = null) => string.Create(CultureInfo.InvariantCulture,
        $"  {name,-34} n={_microseconds.Count,-6} median={Format(Median),10}  p99={Format(P99),10}{(target is null ? "" : "   target: " + target)}");

    /// <summary>
    /// How long a load benchmark drives the bot before it measures (BENCH_WARMUP seconds, default 15): the JIT's
    /// background tier-up of a fresh bot takes about half a core for its first ten seconds or so (measured per thread).
    /// </summary>
    public static TimeSpan WarmUp => TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : 15);

    /// <summary>The benchmark process's memory now and at its peak: it holds the bot, the stub and the load generator.</summary>
    public static string Memory()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return $"RSS {Environment.WorkingSet / 1_048_576} MB (peak {self.PeakWorkingSet64 / 1_048_576} MB; bot, stub and load generator in one process)";
    }

    public static string Format(double microseconds) => microseconds switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds:F1} µs"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1000:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000:F2} s"),
    };
}
