using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>The treatment catalog (就医地目录): immutable published versions, lookup and download (DESIGN.md §4.1, §6).</summary>
public sealed class CatalogTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task LookupItems_KnownAndUnknownCodes_EntriesOfVersionInForceAndUnknownListed()
    {
        var request = new LookupItemsRequest { Date = "2026-06-10", MedListCodg = { Capped, "NO-SUCH-CODE", ClassB } };

        var response = await _node.Catalog.LookupItemsAsync(request);

        Assert.Equal(CatalogVersion, response.CatalogVersion);
        Assert.Equal([Capped, ClassB], response.Entries.Select(e => e.MedListCodg));
        Assert.Equal(CappedPriceCapMicros, response.Entries[0].PriceCap);
        Assert.Equal(1_000, response.Entries[1].SelfpayBp);
        Assert.Equal(["NO-SUCH-CODE"], response.UnknownCodes);
    }

    [Fact]
    public async Task PublishCatalog_SameVersionAgain_IdenticalIsNoOpOtherContentIsCatalogVersionExists()
    {
        var same = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = CatalogVersion, EffectiveDate = "2026-01-01" };
        same.Entries.AddRange(Catalog);
        var changed = same.Clone();
        changed.Msgid = _node.NextMsgid("A14010000000");
        changed.Entries[0].ItemClass = ItemClass.C;

        var republished = await _node.Catalog.PublishCatalogAsync(same);

        Assert.Equal(Catalog.Count, republished.EntryCount);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "CATALOG_VERSION_EXISTS", () => _node.Catalog.PublishCatalogAsync(changed));
        var lookup = await _node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2026-06-10", MedListCodg = { ClassA } });
        Assert.Equal(ItemClass.A, Assert.Single(lookup.Entries).ItemClass);
    }

    [Fact]
    public async Task DownloadCatalog_PublishedVersion_StreamsEveryEntryInCodeOrder()
    {
        using var call = _node.Catalog.DownloadCatalog(new DownloadCatalogRequest { CatalogVersion = CatalogVersion });

        var codes = new List<string>();
        await foreach (var entry in call.ResponseStream.ReadAllAsync())
        {
            codes.Add(entry.MedListCodg);
        }

        Assert.Equal(Catalog.Select(e => e.MedListCodg).Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task PublishCatalog_VersionsInForceOnlyBeforeLastYear_KeptInTheStoreButNotServed()
    {
        // A node of its own: these versions change what is in force in 2020-2025. Its clock says 2026-06-15, so the
        // look-back (1 year) serves fee dates from 2025-01-01: 2024.01 is in force then and stays, 2020.01 leaves memory.
        await using var node = await TestNode.StartAsync(SharedRedis.Configuration);
        foreach (var (version, effective) in new[] { ("2020.01", "2020-01-01"), ("2024.01", "2024-01-01") })
        {
            var request = new PublishCatalogRequest { Msgid = node.NextMsgid("A14010000000"), CatalogVersion = version, EffectiveDate = effective };
            request.Entries.AddRange(Catalog);
            await node.Catalog.PublishCatalogAsync(request);
        }

        var lastYear = await node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2025-03-01", MedListCodg = { ClassA } });

        Assert.Equal("2024.01", lastYear.CatalogVersion);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "CATALOG_NOT_FOUND",
            () => node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2020-06-01", MedListCodg = { ClassA } }).ResponseAsync);
    }

    [Fact]
    public async Task PublishCatalog_VersionOfAbout7MegabytesStreamedInParts_AcceptedEveryPartUnder4MiB()
    {
        // 60,000 entries with 64-character names: one message would be above the 4 MiB limit; the stream's parts are not.
        var catalog = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.99", EffectiveDate = "2099-12-01" };
        catalog.Entries.AddRange(Enumerable.Range(0, 60_000).Select(i => new CatalogEntry { MedListCodg = $"L{i:D9}", Name = new string('n', 64), ItemClass = ItemClass.A }));
        Assert.InRange(catalog.CalculateSize(), 4 * 1024 * 1024 + 1, 8 * 1024 * 1024);
        var parts = CatalogParts.Split(catalog).ToList();
        Assert.Equal(12, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.CalculateSize(), 1, 1024 * 1024));

        var published = await _node.Catalog.PublishCatalogAsync(catalog);

        Assert.Equal(("2026.99", 60_000), (published.CatalogVersion, published.EntryCount));
        var found = await _node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2099-12-01", MedListCodg = { "L000000000", "L000059999" } });
        Assert.Equal(("2026.99", 2, 0), (found.CatalogVersion, found.Entries.Count, found.UnknownCodes.Count));
    }

    [Fact]
    public async Task PublishCatalog_OneMessageAbove4MiB_ResourceExhaustedMessageTooLargeAndNothingPublished()
    {
        var whole = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.98", EffectiveDate = "2099-11-01" };
        whole.Entries.AddRange(Enumerable.Range(0, 60_000).Select(i => new CatalogEntry { MedListCodg = $"L{i:D9}", Name = new string('n', 64), ItemClass = ItemClass.A }));

        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", () => CatalogParts.SendAsync(_node.Catalog.PublishCatalog(), [whole]));

        await AssertNotPublishedAsync("2026.98");
    }

    [Fact]
    public async Task PublishCatalog_PartOfMoreThan5000Entries_InvalidArgumentNamingEntriesAndNothingPublished()
    {
        var whole = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.97", EffectiveDate = "2099-10-01" };
        whole.Entries.AddRange(Enumerable.Range(0, 5_001).Select(i => new CatalogEntry { MedListCodg = $"L{i:D9}", Name = "n", ItemClass = ItemClass.A }));

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => CatalogParts.SendAsync(_node.Catalog.PublishCatalog(), [whole]));

        failure.Names("entries");
        Assert.Contains("at most 5000 entries per message", failure.Message, StringComparison.Ordinal);
        await AssertNotPublishedAsync("2026.97");
    }

    [Fact]
    public async Task PublishCatalog_BadEntryInThirdPart_RefusedNamingItsIndexInTheWholeVersion()
    {
        var catalog = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.96", EffectiveDate = "2099-09-01" };
        catalog.Entries.AddRange(Enumerable.Range(0, 12_000).Select(i => new CatalogEntry { MedListCodg = $"L{i:D9}", Name = "n", ItemClass = ItemClass.B, SelfpayBp = 1_000 }));
        catalog.Entries[11_000].SelfpayBp = 10_001;

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Catalog.PublishCatalogAsync(catalog));

        Assert.Equal(["entries[11000].selfpay_bp"], failure.Violations.Select(v => v.Field));
        await AssertNotPublishedAsync("2026.96");
    }

    [Fact]
    public async Task PublishCatalog_LaterPartNamesAnotherVersionOrStreamIsEmpty_InvalidArgumentAndNothingPublished()
    {
        var first = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.95", EffectiveDate = "2099-08-01", Entries = { Catalog } };
        var later = new PublishCatalogRequest { CatalogVersion = "2026.94", Entries = { new CatalogEntry { MedListCodg = "LATE-1", Name = "n", ItemClass = ItemClass.A } } };

        var mixed = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => CatalogParts.SendAsync(_node.Catalog.PublishCatalog(), [first, later]));
        var empty = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => CatalogParts.SendAsync(_node.Catalog.PublishCatalog(), []));

        mixed.Names("catalog_version");
        empty.Names("catalog_version");
        await AssertNotPublishedAsync("2026.95");
        await AssertNotPublishedAsync("2026.94");
    }

    [Fact]
    public async Task PublishCatalog_RefusedWhileTheClientIsStillWriting_RefusalReturnedWithoutWaitingForTheWrite()
    {
        // Arrange: the first part has no msgid, so the node refuses the stream at once; the client's next part is
        // held back until the test has its answer, as a write stuck on flow control would be.
        using var nextPart = new SemaphoreSlim(0);
        IEnumerable<PublishCatalogRequest> Parts()
        {
            yield return new PublishCatalogRequest { CatalogVersion = "2026.93", EffectiveDate = "2099-07-01", Entries = { Catalog } };
            nextPart.Wait();
            yield return new PublishCatalogRequest { Entries = { new CatalogEntry { MedListCodg = "LATE-2", Name = "n", ItemClass = ItemClass.A } } };
        }

        try
        {
            // Act: the refusal is the answer while the write is still under way (the guard only ends a failing run).
            var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST",
                () => CatalogParts.SendAsync(_node.Catalog.PublishCatalog(), Parts()).WaitAsync(TimeSpan.FromSeconds(30)));

            // Assert
            failure.Names("msgid");
        }
        finally
        {
            nextPart.Release();
        }

        await AssertNotPublishedAsync("2026.93");
    }

    [Fact]
    public async Task PublishCatalog_PartsEnumerableThrows_ItsExceptionReachesTheCallerAndNothingIsPublished()
    {
        // Arrange: the second part cannot be made; the stream was never completed, so the node will not answer.
        IEnumerable<PublishCatalogRequest> Parts()
        {
            yield return new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.92", EffectiveDate = "2099-06-01", Entries = { Catalog } };
            throw new InvalidDataException("the source of part 2 is unreadable");
        }

        // Act: the caller hears its own failure at once (the guard only ends a failing run)
        var failure = await Assert.ThrowsAsync<InvalidDataException>(() => CatalogParts.SendAsync(_node.Catalog.PublishCatalog(), Parts()).WaitAsync(TimeSpan.FromSeconds(30)));

        // Assert
        Assert.Equal("the source of part 2 is unreadable", failure.Message);
        await AssertNotPublishedAsync("2026.92");
    }

    [Fact]
    public async Task Lookup_NodeRunningAcrossNewYear_VersionsOutOfTheLookBackLeaveAsOnARestartedNode()
    {
        // The clock says 2026-06-15: the look-back serves fee dates from 2025-01-01, so 2024.01 (in force until
        // 2025-03-01) is kept. On 2027-01-01 the look-back starts at 2026-01-01 and 2024.01 is in force only before it.
        var clock = new FixedClock();
        await using var node = await TestNode.StartAsync(SharedRedis.Configuration, clock: clock);
        foreach (var (version, effective) in new[] { ("2024.01", "2024-01-01"), ("2025.03", "2025-03-01") })
        {
            await node.Catalog.PublishCatalogAsync(new PublishCatalogRequest { Msgid = node.NextMsgid("A14010000000"), CatalogVersion = version, EffectiveDate = effective, Entries = { Catalog } });
        }

        var before = await node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2025-01-15", MedListCodg = { ClassA } });
        clock.Set(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.FromHours(8)));

        Assert.Equal("2024.01", before.CatalogVersion);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "CATALOG_NOT_FOUND",
            () => node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2025-01-15", MedListCodg = { ClassA } }).ResponseAsync);
        var after = await node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = "2026-01-02", MedListCodg = { ClassA } });
        Assert.Equal("2025.03", after.CatalogVersion);
    }

    private async Task AssertNotPublishedAsync(string version) =>
        await RpcAssert.FailsAsync(StatusCode.NotFound, "CATALOG_NOT_FOUND", async () =>
        {
            using var call = _node.Catalog.DownloadCatalog(new DownloadCatalogRequest { CatalogVersion = version });
            await foreach (var unused in call.ResponseStream.ReadAllAsync())
            {
            }
        });

    [Fact]
    public async Task DownloadCatalog_UnknownVersion_NotFoundCatalogNotFound()
    {
        await RpcAssert.FailsAsync(StatusCode.NotFound, "CATALOG_NOT_FOUND", async () =>
        {
            using var call = _node.Catalog.DownloadCatalog(new DownloadCatalogRequest { CatalogVersion = "1999.01" });
            await foreach (var unused in call.ResponseStream.ReadAllAsync())
            {
                Assert.Fail("no entry expected");
            }
        });
    }
}
