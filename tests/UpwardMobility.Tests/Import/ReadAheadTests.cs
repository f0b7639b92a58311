using UpwardMobility.Core.Import;

namespace UpwardMobility.Tests.Import;

/// <summary>The read-ahead between the CSV parser and the database writer keeps order and surfaces every failure.</summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void Items_arrive_in_order_across_batches()
    {
        var items = ReadAhead.Of(Enumerable.Range(0, 10_001), CancellationToken.None, batchSize: 100, capacity: 2).ToList();
        Assert.Equal(Enumerable.Range(0, 10_001), items);
    }

    [Fact]
    public void A_failure_while_reading_reaches_the_writer_after_the_items_before_it()
    {
        var seen = new List<int>();
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Of(Failing(250), CancellationToken.None, batchSize: 100))
            {
                seen.Add(item);
            }
        });
        Assert.Equal("line 250", ex.Message);
        Assert.Equal(Enumerable.Range(0, 200), seen); // whole batches only: the partial third never arrives
    }

    [Fact]
    public void Cancelling_stops_the_reader()
    {
        using var cts = new CancellationTokenSource();
        var read = 0;
        var sourceClosed = false;
        // The source never looks at the token: only ReadAhead itself can stop on it.
        IEnumerable<int> Counting()
        {
            try
            {
                for (var i = 0; i < 1_000_000; i++)
                {
                    Interlocked.Increment(ref read);
                    yield return i;
                }
            }
            finally
            {
                sourceClosed = true;
            }
        }
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var item in ReadAhead.Of(Counting(), cts.Token, batchSize: 10, capacity: 2))
            {
                seen++;
                if (item == 100)
                {
                    cts.Cancel();
                }
            }
        });
        // What was already queued may still arrive (two batches of ten, and the batch being handed over), no more.
        Assert.InRange(seen, 101, 140);
        Assert.True(Volatile.Read(ref read) < 200, $"the reader went on to {Volatile.Read(ref read)} items after the cancellation");
        Assert.True(sourceClosed, "the reader was still running when the cancellation reached the writer");
    }

    [Fact]
    public void A_writer_that_stops_early_stops_the_reader_too()
    {
        var read = 0;
        IEnumerable<int> Counting()
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in ReadAhead.Of(Counting(), CancellationToken.None, batchSize: 10, capacity: 2))
            {
                if (item == 50)
                {
                    throw new InvalidOperationException("the database refused a row");
                }
            }
        });
        var after = Volatile.Read(ref read);
        Assert.True(after < 1_000, $"the reader went on to {after} items");
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref read));
    }

    private static IEnumerable<int> Failing(int at)
    {
        for (var i = 0; ; i++)
        {
            if (i == at)
            {
                throw new InvalidDataException($"line {at}");
            }
            yield return i;
        }
    }
}
