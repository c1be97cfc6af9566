using Adjudication.Domain.Eligibility;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Every reply of write_filing.lua and cache_filing.lua against a real store (DESIGN.md §3, §5).</summary>
public sealed class FilingScriptTests : IDisposable
{
    private readonly StoreSet _stores = new();

    [Fact]
    public async Task Write_NewFiling_WrittenAndInHistory()
    {
        var filing = Filing(version: 1);

        var (result, stored) = await _stores.Filings.WriteAsync(filing, expectedVersion: 0, _stores.NextMsgid(), StoreSet.DigestOf("2501"), owesPush: false);

        Assert.Equal(WriteFilingResult.Written, result);
        Assert.Equal(filing, stored);
        Assert.Equal([filing], await _stores.Filings.GetHistoryAsync(filing.InsuplcAdmdvs, filing.PsnNo));
    }

    [Fact]
    public async Task Write_SameMsgidAgain_ReplayedWithTheStoredVersion()
    {
        var filing = Filing(version: 1);
        var msgid = _stores.NextMsgid();
        await _stores.Filings.WriteAsync(filing, 0, msgid, StoreSet.DigestOf("2501"), owesPush: false);

        var (result, stored) = await _stores.Filings.WriteAsync(filing with { Version = 9 }, 0, msgid, StoreSet.DigestOf("2501"), owesPush: false);

        Assert.Equal(WriteFilingResult.Replayed, result);
        Assert.Equal(filing, stored);
    }

    [Fact]
    public async Task Write_SameMsgidOtherPayload_MsgidConflict()
    {
        var msgid = _stores.NextMsgid();
        await _stores.Filings.WriteAsync(Filing(version: 1), 0, msgid, StoreSet.DigestOf("2501"), owesPush: false);

        var (result, stored) = await _stores.Filings.WriteAsync(Filing(version: 1), 0, msgid, StoreSet.DigestOf("other"), owesPush: false);

        Assert.Equal(WriteFilingResult.MsgidConflict, result);
        Assert.Null(stored);
    }

    [Fact]
    public async Task Write_ExpectedVersionBehind_StaleAndNothingWritten()
    {
        await _stores.Filings.WriteAsync(Filing(version: 1), 0, _stores.NextMsgid(), StoreSet.DigestOf("2501"), owesPush: false);

        // Act: a second writer also expects no filing yet.
        var (result, _) = await _stores.Filings.WriteAsync(Filing(version: 1) with { DestAdmdvs = "110100" }, 0, _stores.NextMsgid(), StoreSet.DigestOf("2501 again"), owesPush: false);

        Assert.Equal(WriteFilingResult.Stale, result);
        Assert.Single(await _stores.Filings.GetHistoryAsync(StoreSet.City, PsnNo));
    }

    [Fact]
    public async Task Cache_NewerVersion_CachedThenOlderOrEqualKept()
    {
        var cached = await _stores.FilingCache.PutAsync(Filing(version: 2));
        var older = await _stores.FilingCache.PutAsync(Filing(version: 1));
        var equal = await _stores.FilingCache.PutAsync(Filing(version: 2) with { DestAdmdvs = "110100" });

        Assert.Equal((CacheFilingResult.Cached, 2L), cached);
        Assert.Equal((CacheFilingResult.Kept, 2L), older);
        Assert.Equal((CacheFilingResult.Kept, 2L), equal);
        var (filings, _) = await _stores.FilingCache.GetAsync(StoreSet.City, PsnNo, "140900");
        Assert.Equal("140900", Assert.Single(filings).DestAdmdvs);
    }

    private const string PsnNo = "14010000000000000001";

    private static Filing Filing(long version) => new(
        "F1401000000000001", version, PsnNo, StoreSet.City, FilingClass.OtherTemporary, "140900",
        new DateOnly(2026, 6, 1), new DateOnly(2026, 11, 30), FilingStatus.Active, string.Empty, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));

    public void Dispose() => _stores.Dispose();
}
