using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Outbox;
using Adjudication.Node.Security;
using Adjudication.Node.Validation;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using StoredRow = Adjudication.Storage.Clearing.ClearingRow;

namespace Adjudication.Node.Clearing;

/// <summary>
/// Clearing rows up the network (DESIGN.md §3, §11). A treatment city books each cross-region row of its hospital ledger
/// into its aggregate for (month, insured city), and the same script leaves the row in the outbox for its province. The
/// province books what its cities send per (month, treatment city, insured city) and, for cross-province rows, leaves
/// them for the national node, which books per (month, treatment province, insured province) and leaves them for the
/// insured province's prepayment usage. Every aggregate books a row once by its id, and an outbox entry is deleted only
/// after the receiver answered, so a crash anywhere repeats a step and never counts a row twice.
/// </summary>
internal sealed class ClearingFlow(ClearingStore store, NetworkClient network, IServiceProvider services, IOptions<NodeOptions> options)
{
    /// <summary>Rows handed to the parent in one call.</summary>
    public const int RowsPerCall = 1000;

    private readonly string _city = Admdvs.IsValid(options.Value.Admdvs) ? Admdvs.CityOf(options.Value.Admdvs) : options.Value.Admdvs;
    private readonly bool _feed = options.Value.ClearingFeed;

    /// <summary>The parent node rows are sent to; null at the national node or without a network.</summary>
    public TopologyNode? Parent => network.Router?.Parent;

    /// <summary>
    /// At the treatment city, from the ledger's bookings: the rows of persons insured in another city go into this
    /// city's clearing aggregates and, through the outbox, to the province. A node without a network, or one that feeds
    /// no clearing (<see cref="NodeOptions.ClearingFeed"/>), clears nothing.
    /// </summary>
    public async Task BookTreatedAsync(IReadOnlyList<OutboxEntry> ledgerEntries)
    {
        if (!network.IsConnected || !_feed)
        {
            return;
        }

        var bookings = new List<ClearingBooking>();
        foreach (var entry in ledgerEntries)
        {
            // Most rows are local persons'; their line is not parsed a second time (the ledger parsed it).
            if (InsuredElsewhere(entry.Payload, out var insured))
            {
                var clearing = new StoredRow(_city, LedgerBooking.Read(entry));
                bookings.Add(new ClearingBooking(new ClearingPair(clearing.Month, _city, insured), clearing, ClearingFeed.Entry(ClearingFeed.UpKind, clearing)));
            }
        }

        if (bookings.Count > 0)
        {
            var (_, written, slotsToRead) = await store.BookAsync(bookings).ConfigureAwait(false);
            HandOver(written, slotsToRead);
        }
    }

    /// <summary>Hands at most <see cref="RowsPerCall"/> rows to the parent node; returns when it booked them.</summary>
    public Task SendUpAsync(IReadOnlyList<StoredRow> rows)
    {
        var parent = Parent ?? throw new InvalidOperationException("clearing rows go up from a node with a parent only");
        var request = new BookClearingRequest();
        request.Rows.AddRange(rows.Select(ClearingMapping.ToProto));
        return network.ForwardAsync(parent, RawMethods.BookClearing, request.ToByteArray(), parent.Admdvs, null);
    }

    /// <summary>At a province or the national node: books the rows a child handed up (AccessRules let only a child call, unrelayed).</summary>
    public async Task<byte[]> ReceiveAsync(byte[] body, ServerCallContext context)
    {
        var request = RequestBody.Parse(BookClearingRequest.Parser, body);
        var router = network.Router!;
        var child = router.Topology.GetById(context.Authenticated()?.OriginNode ?? string.Empty);
        var check = new RequestCheck().That(request.Rows.Count <= RowsPerCall, "rows", $"at most {RowsPerCall} a call");
        var bookings = new List<ClearingBooking>(request.Rows.Count);
        for (var i = 0; i < request.Rows.Count; i++)
        {
            if (ClearingMapping.ToStore(request.Rows[i], i, check) is { } row && Belongs(row, child, router, i, check))
            {
                bookings.Add(BookingHere(row, router));
            }
        }

        check.ThrowIfAny();
        var (applied, written, slotsToRead) = await store.BookAsync(bookings).ConfigureAwait(false);
        HandOver(written, slotsToRead);
        return new BookClearingResponse { Booked = applied }.ToByteArray();
    }

    /// <summary>At the insured city: its own records of a month, of settlements treated in a city or every city of a province.</summary>
    public async Task<byte[]> ListInsuredAsync(byte[] body, ServerCallContext context)
    {
        var request = RequestBody.Parse(ListInsuredRecordsRequest.Parser, body);
        var check = new RequestCheck().Admdvs("mdtrtarea_admvs", request.MdtrtareaAdmvs);
        var month = ClearingMonths.Parse(request.ClrMonth, "clr_month", check);
        check.ThrowIfAny();
        RequireClearingNode(context.Authenticated());
        var cities = network.Router!.Topology.Nodes
            .Where(n => n.Role == NodeRole.Municipal && n.Admdvs != _city && Admdvs.Covers(request.MdtrtareaAdmvs, n.Admdvs))
            .Select(n => n.Admdvs);
        var reads = cities.Select(t => store.RowsAsync(new ClearingPair(month, t, _city), insuredSide: true)).ToList();
        var response = new ListInsuredRecordsResponse();
        foreach (var rows in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            response.Rows.AddRange(rows.Select(ClearingMapping.ToProto));
        }

        return response.ToByteArray();
    }

    // A province books per (month, treatment city, insured city) and sends cross-province rows on; the national node
    // books per (month, treatment province, insured province) and counts them into the insured province's prepayment.
    private static ClearingBooking BookingHere(StoredRow row, Router router)
    {
        var insured = Admdvs.CityOf(row.Row.InsuplcAdmdvs);
        if (router.Self.Role == NodeRole.National)
        {
            return new ClearingBooking(new ClearingPair(row.Month, Admdvs.ProvinceOf(row.MdtrtareaAdmvs), Admdvs.ProvinceOf(insured)), row, ClearingFeed.Entry(ClearingFeed.PrepaymentKind, row));
        }

        var across = Admdvs.ProvinceOf(insured) != router.Self.Admdvs;
        return new ClearingBooking(new ClearingPair(row.Month, row.MdtrtareaAdmvs, insured), row, across ? ClearingFeed.Entry(ClearingFeed.UpKind, row) : null);
    }

    // A child hands up only rows of its own region that clear above it: a city its cross-city rows, a province its
    // cross-province rows.
    private static bool Belongs(StoredRow row, TopologyNode child, Router router, int index, RequestCheck check)
    {
        var treatment = row.MdtrtareaAdmvs;
        var insured = row.Row.InsuplcAdmdvs;
        var ok = router.Self.Role == NodeRole.National
            ? Admdvs.ProvinceOf(treatment) == child.Admdvs && Admdvs.ProvinceOf(insured) != child.Admdvs
            : Admdvs.CityOf(treatment) == child.Admdvs && Admdvs.CityOf(insured) != child.Admdvs;
        check.That(ok, $"rows[{index}].mdtrtarea_admvs", $"a row handed up by {child.Id} is treated in its region and insured outside it");
        return ok;
    }

    // The insured city's records are read only by the node that clears them (its province or the national node), for
    // the agency that confirms.
    private void RequireClearingNode(AuthenticatedCall? call)
    {
        var origin = call?.OriginNode is { } id && network.Router!.Topology.TryGetById(id, out var node) ? node : null;
        if (origin is not { Role: NodeRole.Provincial or NodeRole.National } || call?.Caller.Kind != IdentityKind.Agency)
        {
            throw new AdjudicationException(ErrorKind.PermissionDenied, Reasons.CallerNotAllowed,
                "The insured city's clearing records are read by its province or the national node, for an agency confirming a declaration.");
        }
    }

    // The next-hop entries the bookings wrote go to the worker from memory; a slot where some rows were held already is
    // read instead, since only the store knows which of its entries were written.
    private void HandOver(IReadOnlyList<(int Slot, OutboxEntry Entry)> written, IReadOnlyList<int> slotsToRead)
    {
        if (written.Count == 0 && slotsToRead.Count == 0)
        {
            return;
        }

        var worker = services.GetRequiredService<OutboxWorker>();
        foreach (var (slot, entry) in written)
        {
            worker.Committed(slot, entry);
        }

        foreach (var slot in slotsToRead)
        {
            worker.WakeSlot(slot);
        }
    }

    // Whether a stored ledger line's insured division (its fourth TAB-separated field, LedgerLine's order) is of
    // another city, compared in place; its city is made only then.
    private bool InsuredElsewhere(string line, out string insured)
    {
        insured = string.Empty;
        var rest = line.AsSpan();
        for (var i = 0; i < 3; i++)
        {
            var tab = rest.IndexOf('\t');
            if (tab < 0)
            {
                return false;
            }

            rest = rest[(tab + 1)..];
        }

        var end = rest.IndexOf('\t');
        var field = end < 0 ? rest : rest[..end];
        if (!Admdvs.IsValid(field) || field[..4].SequenceEqual(_city.AsSpan(0, 4)))
        {
            return false;
        }

        insured = Admdvs.CityOf(field.ToString());
        return true;
    }
}
