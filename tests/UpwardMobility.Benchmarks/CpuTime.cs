using System.Diagnostics;

namespace UpwardMobility.Benchmarks;

/// <summary>
/// CPU seconds used by this process and by the local PostgreSQL server, from Linux /proc. The server side counts every
/// process named postgres on the machine (stop other clusters first), including exited backends, which their
/// postmaster has reaped. On two cores the import is bound by CPU, so where the CPU goes says more than wall time.
/// </summary>
internal readonly record struct CpuTime(double Client, double Server)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuTime Now()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuTime(self.TotalProcessorTime.TotalSeconds, ServerSeconds());
    }

    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Client - b.Client, a.Server - b.Server);

    private static double ServerSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return double.NaN;
        }
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _) || !File.ReadAllText(Path.Combine(dir, "comm")).StartsWith("postgres", StringComparison.Ordinal))
                {
                    continue;
                }
                // Fields after the command name, which is in parentheses and may contain spaces.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return ticks / TicksPerSecond;
    }
}
