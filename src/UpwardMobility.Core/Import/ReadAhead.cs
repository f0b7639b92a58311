using System.Collections.Concurrent;

namespace UpwardMobility.Core.Import;

/// <summary>
/// Runs a sequence on a background thread and hands it over in batches, so parsing the CSV and writing rows to the
/// database use two cores instead of taking turns on one. Memory stays bounded: at most <c>capacity</c> batches wait.
/// Exceptions and cancellation of the producer surface in the consumer.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken ct, int batchSize = 2048, int capacity = 8)
    {
        using var queue = new BlockingCollection<T[]>(capacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == batchSize)
                    {
                        queue.Add(batch.ToArray(), stop.Token);
                        batch.Clear();
                    }
                }
                if (batch.Count > 0)
                {
                    queue.Add(batch.ToArray(), stop.Token);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, stop.Token);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }
            // Rethrows what ended the producer early (a read error, a cancellation).
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // The consumer stopped early (its own error): stop the producer and wait, so nothing runs on after us.
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already surfaced above, or caused by the stop just requested.
            }
        }
    }
}
