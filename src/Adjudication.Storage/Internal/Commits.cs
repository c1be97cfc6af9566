using Adjudication.Domain.Errors;
using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// Runs a script that commits, and tells the truth when it fails (DESIGN.md §7): a script that never left this process
/// committed nothing, so the store error stands (UNAVAILABLE, STORE_UNAVAILABLE, "nothing was committed"); a script
/// that was sent and then lost its answer (timeout, connection dropped) may have committed, and the caller hears
/// UNAVAILABLE, OUTCOME_UNKNOWN with what to do: retry with the same msgid, which returns the stored result, or reverse.
/// </summary>
internal static class Commits
{
    /// <summary>Evaluates <paramref name="script"/>; a failure after the script was sent becomes OUTCOME_UNKNOWN.</summary>
    public static async Task<RedisResult> EvaluateCommitAsync(this IDatabaseAsync db, string script, RedisKey[] keys, RedisValue[] args)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await db.ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false);
            StoreMetrics.Committed(started, succeeded: true);
            return result;
        }
        catch (Exception ex) when (Failed(started) && MayHaveBeenSent(ex))
        {
            throw new AdjudicationException(
                ErrorKind.Unavailable,
                Reasons.OutcomeUnknown,
                "The node's store stopped answering after this call's commit was sent, so it may or may not have taken effect. " +
                "Retry with the same msgid (a committed call returns its stored result and nothing happens twice), or reverse it (2601) by that msgid.",
                innerException: ex);
        }
    }

    // Records the failed commit's time; always true, so it can lead the exception filter.
    private static bool Failed(long started)
    {
        StoreMetrics.Committed(started, succeeded: false);
        return true;
    }

    // Only a command still waiting in this process is known not to have reached Redis; anything else may have.
    private static bool MayHaveBeenSent(Exception ex) => ex switch
    {
        RedisTimeoutException timeout => timeout.Commandstatus is not (CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog),
        RedisConnectionException dropped => dropped.CommandStatus is not (CommandStatus.WaitingToBeSent or CommandStatus.WaitingInBacklog),
        _ => false,
    };
}
