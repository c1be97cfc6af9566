using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// Runs one command per item as pipelined batches of at most <see cref="Window"/> commands, spread over the lanes
/// (connections) round robin, one batch in flight per lane: the next batch is written while the ones before it are
/// answered. A step of 5,000 commands written at once has its last command wait for all the others, and under load
/// (appendfsync always, a busy machine) that wait passed the store timeout (2 s) and failed the import. The items of one
/// step name distinct keys (a bulk enrolment refuses a repeated person or ID number first), so their order across lanes
/// does not matter.
/// </summary>
internal static class Pipelined
{
    /// <summary>Most commands one batch writes at once.</summary>
    public const int Window = 1_000;

    /// <summary>Starts <paramref name="command"/> for items 0 to <paramref name="count"/> - 1 and returns their replies in that order.</summary>
    public static async Task<T[]> RunAsync<T>(IDatabase[] lanes, int count, Func<IBatch, int, Task<T>> command)
    {
        var replies = new Task<T>[count];
        var windows = (count + Window - 1) / Window;
        var answered = new Task[windows];
        for (var w = 0; w < windows; w++)
        {
            var from = w * Window;
            var to = Math.Min(count, from + Window);
            var batch = lanes[w % lanes.Length].CreateBatch();
            for (var i = from; i < to; i++)
            {
                replies[i] = command(batch, i);
            }

            batch.Execute();
            answered[w] = Task.WhenAll(new ArraySegment<Task<T>>(replies, from, to - from));
            if (w >= lanes.Length)
            {
                // The lane this batch went to was given its previous batch a full round before: wait for the oldest
                // batch in flight, so at most one per lane is outstanding beyond the one just written.
                await answered[w - lanes.Length].ConfigureAwait(false);
            }
        }

        await Task.WhenAll(answered).ConfigureAwait(false);
        var results = new T[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = await replies[i].ConfigureAwait(false);
        }

        return results;
    }
}
