using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Tests.Infrastructure;
using StackExchange.Redis;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>
/// The reply tables (CONVENTIONS.md: an unknown reply is an error, never a silent retry): every result of every script
/// has exactly one reply string, and a reply not in the table throws instead of becoming "stale".
/// </summary>
public sealed class ReplyTableTests
{
    [Fact]
    public void Tables_EveryResultOfEveryScript_ListedExactlyOnce()
    {
        AssertCovers(ScriptReplies.Settle);
        AssertCovers(ScriptReplies.Unsettle);
        AssertCovers(ScriptReplies.Tombstone);
        AssertCovers(ScriptReplies.RegisterVisit);
        AssertCovers(ScriptReplies.UploadFees);
        AssertCovers(ScriptReplies.WriteFiling);
        AssertCovers(ScriptReplies.CacheFiling);
        AssertCovers(ScriptReplies.RecordSettled);
        AssertCovers(ScriptReplies.WritePerson);
        AssertCovers(ScriptReplies.EnrolPersonRow);
        AssertCovers(ScriptReplies.MoveBalance);
        AssertCovers(ScriptReplies.WriteInstitution);
        AssertCovers(ScriptReplies.PublishPolicy);
        AssertCovers(ScriptReplies.PublishZone);
        AssertCovers(ScriptReplies.CacheZone);
        AssertCovers(ScriptReplies.Reopen);
        AssertCovers(ScriptReplies.ApplyBookings);
    }

    [Theory]
    [InlineData("return {'surprise'}", "surprise")]
    [InlineData("return {'OK'}", "OK")]
    [InlineData("return {}", null)]
    public async Task Decode_ReplyNotInTable_ThrowsNamingScriptAndReply(string lua, string? head)
    {
        // Arrange: a real reply from a real store, shaped as no script of the settle table answers.
        var reply = (RedisResult[])(await TestRedis.Connection.GetDatabase().ScriptEvaluateAsync(lua))!;

        // Act
        var ex = Assert.Throws<StoreContractException>(() => ScriptReplies.Settle.Decode(reply));

        // Assert
        Assert.Equal("settle.lua", ex.Script);
        Assert.Equal(head, ex.Reply);
    }

    private static void AssertCovers<TResult>(ReplyTable<TResult> table)
        where TResult : struct, Enum
    {
        Assert.Equal(Enum.GetValues<TResult>().Order(), table.Entries.Select(e => e.Result).Order());
        Assert.Equal(table.Entries.Count, table.Entries.Select(e => e.Reply).Distinct(StringComparer.Ordinal).Count());
    }
}
