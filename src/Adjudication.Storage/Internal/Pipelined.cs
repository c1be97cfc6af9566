using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// Runs one command per item as pipelined batches of at most <see cref="Window"/> commands, the next batch written while
/// the one before is answered. A step of 5,000 commands written at once has its last command wait for all the others,
/// and under load (appendfsync always, a busy machine) that wait passed the store timeout (2 s) and failed the import.
/// </summary>
internal static class Pipelined
{
    /// <summary>Most commands one batch writes at once.</summary>
    public const int Window = 1_000;

    /// <summary>Starts <paramref name="command"/> for items 0 to <paramref name="count"/> - 1 and returns their replies in that order.</summary>
    public static async Task<T[]> RunAsync<T>(IDatabase db, int count, Func<IBatch, int, Task<T>> command)
    {
        var replies = new Task<T>[count];
        Task answered = Task.CompletedTask;
        for (var from = 0; from < count; from += Window)
        {
            var batch = db.CreateBatch();
            var to = Math.Min(count, from + Window);
            for (var i = from; i < to; i++)
            {
                replies[i] = command(batch, i);
            }

            batch.Execute();
            await answered.ConfigureAwait(false);
            answered = Task.WhenAll(new ArraySegment<Task<T>>(replies, from, to - from));
        }

        await answered.ConfigureAwait(false);
        var results = new T[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = await replies[i].ConfigureAwait(false);
        }

        return results;
    }
}
