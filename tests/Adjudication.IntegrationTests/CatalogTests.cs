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
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "CATALOG_VERSION_EXISTS", () => _node.Catalog.PublishCatalogAsync(changed).ResponseAsync);
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
    public async Task MessageLimits_CatalogAbove4MiBAcceptedFilingAbove4MiBRefusedAsMessageTooLarge()
    {
        // PublishCatalog keeps the largest limit (a catalog travels as one message); FilingService's is 4 MiB.
        var catalog = new PublishCatalogRequest { Msgid = _node.NextMsgid("A14010000000"), CatalogVersion = "2026.99", EffectiveDate = "2099-12-01" };
        catalog.Entries.AddRange(Enumerable.Range(0, 60_000).Select(i => new CatalogEntry { MedListCodg = $"L{i:D9}", Name = new string('n', 64), ItemClass = ItemClass.A }));
        Assert.InRange(catalog.CalculateSize(), 4 * 1024 * 1024 + 1, 8 * 1024 * 1024);
        var filing = new RegisterFilingRequest { Msgid = new string('9', 5 * 1024 * 1024) };

        var published = await _node.Catalog.PublishCatalogAsync(catalog);

        Assert.Equal(60_000, published.EntryCount);
        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", () => _node.Filing.RegisterFilingAsync(filing).ResponseAsync);
    }

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
