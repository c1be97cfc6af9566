using Adjudication.Storage.Contract;
using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>One script's replies: the head string of each reply and the result it means. Anything else throws.</summary>
internal sealed class ReplyTable<TResult>(string script, params (string Reply, TResult Result)[] entries)
    where TResult : struct, Enum
{
    /// <summary>The script's file name, for errors.</summary>
    public string Script { get; } = script;

    /// <summary>The reply strings in the order of the table (for tests that drive every reply).</summary>
    public IReadOnlyList<(string Reply, TResult Result)> Entries { get; } = entries;

    /// <summary>The result named by the first element of <paramref name="reply"/>.</summary>
    public TResult Decode(RedisResult[] reply)
    {
        var head = reply.Length == 0 ? null : (string?)reply[0];
        foreach (var (text, result) in entries)
        {
            if (string.Equals(head, text, StringComparison.Ordinal))
            {
                return result;
            }
        }

        throw new StoreContractException(Script, head);
    }
}
