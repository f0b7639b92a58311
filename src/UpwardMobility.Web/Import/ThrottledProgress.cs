using System.Diagnostics;

namespace UpwardMobility.Web.Import;

/// <summary>
/// Passes each progress report on to <paramref name="store"/> (cheap), and calls <paramref name="notify"/> (a re-render)
/// at most once per <paramref name="interval"/>, so a fast import does not flood the browser with renders.
/// </summary>
public sealed class ThrottledProgress<T>(Action<T> store, Action notify, TimeSpan interval) : IProgress<T>
{
    private long _lastNotified = Stopwatch.GetTimestamp();

    public void Report(T value)
    {
        store(value);
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastNotified);
        if (Stopwatch.GetElapsedTime(last, now) >= interval && Interlocked.CompareExchange(ref _lastNotified, now, last) == last)
        {
            notify();
        }
    }
}
