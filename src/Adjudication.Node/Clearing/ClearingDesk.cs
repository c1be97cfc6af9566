using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Node.Settlement;
using Adjudication.Node.Validation;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Contract;
using Grpc.Core;
using StoredRow = Adjudication.Storage.Clearing.ClearingRow;

namespace Adjudication.Node.Clearing;

/// <summary>
/// Monthly clearing at a province (its cities, in-province) and at the national node (provinces) (DESIGN.md §8, §11):
/// declarations frozen from the aggregates, confirmed by the insured region against its own records, marked paid,
/// and the month's matrix and statements. A paid cross-province declaration repays the insured province's prepayment.
/// </summary>
internal sealed class ClearingDesk(ClearingStore store, PrepaymentDesk prepayment, NetworkClient network, TimeProvider clock)
{
    /// <summary>DeclareClearing: the treatment region's agency declares a closed month to every insured region with rows.</summary>
    public async Task<DeclareClearingResponse> DeclareAsync(DeclareClearingRequest request, AuthenticatedCall? call)
    {
        var check = new RequestCheck().AgencyMsgid("msgid", request.Msgid).Admdvs("mdtrtarea_admvs", request.MdtrtareaAdmvs);
        var month = ClearingMonths.Parse(request.ClrMonth, "clr_month", check);
        check.ThrowIfAny();
        var regions = Regions();
        RequireRegion(request.MdtrtareaAdmvs, regions, "mdtrtarea_admvs");
        RequireAgencyOf(call, request.MdtrtareaAdmvs, "declares");
        if (!ClearingMonths.IsClosed(month, ChinaTime.Now(clock)))
        {
            throw Refusals.Precondition(Reasons.ClearingMonthOpen, $"{request.ClrMonth} is not closed yet; a month is declared from the first day of the next (China time).");
        }

        var digest = Digest.Of(request);
        var steps = regions.Where(r => r != request.MdtrtareaAdmvs)
            .Select(insured => new ClearingPair(month, request.MdtrtareaAdmvs, insured))
            .Select(pair => (Pair: pair, Step: store.StepAsync(pair, "declare", request.Msgid, digest, Now(), call!.Caller.Id)))
            .ToList();
        var response = new DeclareClearingResponse();
        foreach (var (pair, step) in steps)
        {
            switch ((await step.ConfigureAwait(false)).Result)
            {
                case ClearingStatusResult.MsgidConflict:
                    throw Refusals.MsgidReused(request.Msgid);
                case ClearingStatusResult.NothingToDeclare:
                    continue;
                default:
                    response.Declarations.Add(await DeclarationAsync(pair).ConfigureAwait(false));
                    break;
            }
        }

        return response.Declarations.Count > 0 ? response
            : throw Refusals.NotFound(Reasons.ClearingNotFound, $"No clearing rows of {request.MdtrtareaAdmvs} for {request.ClrMonth}: none of its settlements of persons insured elsewhere was booked in that month.");
    }

    /// <summary>ConfirmClearing: the insured region's agency compares a declaration with its own records; matched → confirmed.</summary>
    public async Task<ConfirmClearingResponse> ConfirmAsync(ConfirmClearingRequest request, AuthenticatedCall? call, ServerCallContext context)
    {
        var (pair, digest) = Checked(request.Msgid, request.ClrMonth, request.MdtrtareaAdmvs, request.InsuplcAdmdvs, call, request);
        var declaration = await store.DeclarationAsync(pair).ConfigureAwait(false);
        if (!declaration.IsDeclared)
        {
            throw Refusals.Precondition(Reasons.ClearingWrongStatus, $"{pair.Treatment} has not declared {pair.MonthText} to {pair.Insured}; a declaration is confirmed after it is declared.");
        }

        var declared = await store.RowsAsync(pair).ConfigureAwait(false);
        var insured = await InsuredRowsAsync(pair, context).ConfigureAwait(false);
        var response = new ConfirmClearingResponse { InsuredSums = ClearingMapping.Sums(ClearingComparison.Totals(insured)) };
        response.Differences.AddRange(ClearingComparison.Differences(declared, insured));
        response.Matched = response.Differences.Count == 0;
        if (response.Matched)
        {
            var (result, status) = await store.StepAsync(pair, "confirm", request.Msgid, digest, Now(), call!.Caller.Id).ConfigureAwait(false);
            Refuse(result, status, request.Msgid, pair, "confirmed");
        }

        response.Declaration = await DeclarationAsync(pair).ConfigureAwait(false);
        return response;
    }

    /// <summary>PayClearing: the insured region's agency paid a confirmed declaration (at the national node, a repayment of its prepayment).</summary>
    public async Task<Contracts.V1.ClearingDeclaration> PayAsync(PayClearingRequest request, AuthenticatedCall? call)
    {
        var (pair, digest) = Checked(request.Msgid, request.ClrMonth, request.MdtrtareaAdmvs, request.InsuplcAdmdvs, call, request);
        var (result, status) = await store.StepAsync(pair, "pay", request.Msgid, digest, Now(), call!.Caller.Id).ConfigureAwait(false);
        Refuse(result, status, request.Msgid, pair, "paid");
        var declaration = await store.DeclarationAsync(pair).ConfigureAwait(false);
        if (network.Router!.Self.Role == NodeRole.National)
        {
            // Repaid once by the pay's msgid, also when a crash came between the status and the repayment and the
            // agency sends the same pay again (a replay).
            await prepayment.RepayAsync(pair.Insured, request.Msgid, digest, declaration.Declared.Advanced).ConfigureAwait(false);
        }

        return ClearingMapping.Declaration(declaration, ClearingTotals.Zero);
    }

    /// <summary>GetClearingStatement: the month's matrix, one position per region (nets sum to zero) and, at the national node, the nettings per pair of provinces.</summary>
    public async Task<ClearingStatement> StatementAsync(GetClearingStatementRequest request, AuthenticatedCall? call)
    {
        var check = new RequestCheck();
        var month = ClearingMonths.Parse(request.ClrMonth, "clr_month", check);
        check.ThrowIfAny();
        var regions = Regions();
        var self = network.Router!.Self.Admdvs;
        if (call?.Caller.Kind != IdentityKind.Operator && !(call?.Caller is { Kind: IdentityKind.Agency, Admdvs: { } a } && (a == self || regions.Contains(a))))
        {
            throw Refusals.PermissionDenied(Reasons.AgencyMismatch, $"The clearing statement of {self} is read by its agency, the agencies of its regions and operators; the caller is {call?.Caller.ToString() ?? "unknown"}.");
        }

        var pairs = regions.SelectMany(t => regions.Where(i => i != t).Select(i => new ClearingPair(month, t, i))).ToList();
        var reads = pairs.Select(p => (Totals: store.TotalsAsync(p), Declaration: store.DeclarationAsync(p))).ToList();
        var statement = new ClearingStatement { ClrMonth = request.ClrMonth, ClrOptins = self };
        for (var i = 0; i < pairs.Count; i++)
        {
            var booked = await reads[i].Totals.ConfigureAwait(false);
            var declaration = await reads[i].Declaration.ConfigureAwait(false);
            if (!booked.IsEmpty || declaration.IsDeclared)
            {
                statement.Matrix.Add(ClearingMapping.Declaration(declaration, booked));
            }
        }

        ClearingNettings.Fill(statement, regions, network.Router.Self.Role == NodeRole.National);
        return statement;
    }

    // The regions this node clears between: a province's cities, the national node's provinces.
    private List<string> Regions()
    {
        var router = network.Router ?? throw Refusals.Precondition(Reasons.NoRoute, "This node runs without a topology; clearing runs at the provincial and national nodes of a network.");
        return [.. router.Children.Select(c => c.Admdvs)];
    }

    private (ClearingPair Pair, byte[] Digest) Checked(string msgid, string clrMonth, string treatment, string insured, AuthenticatedCall? call, Google.Protobuf.IMessage request)
    {
        var check = new RequestCheck().AgencyMsgid("msgid", msgid).Admdvs("mdtrtarea_admvs", treatment).Admdvs("insuplc_admdvs", insured);
        var month = ClearingMonths.Parse(clrMonth, "clr_month", check);
        check.That(treatment != insured, "insuplc_admdvs", "must differ from mdtrtarea_admvs: a region does not clear with itself").ThrowIfAny();
        var regions = Regions();
        RequireRegion(treatment, regions, "mdtrtarea_admvs");
        RequireRegion(insured, regions, "insuplc_admdvs");
        RequireAgencyOf(call, insured, "confirms and pays");
        return (new ClearingPair(month, treatment, insured), Digest.Of(request));
    }

    private static void Refuse(ClearingStatusResult result, string status, string msgid, ClearingPair pair, string step)
    {
        switch (result)
        {
            case ClearingStatusResult.MsgidConflict:
                throw Refusals.MsgidReused(msgid);
            case ClearingStatusResult.WrongStatus:
                throw Refusals.Precondition(Reasons.ClearingWrongStatus,
                    $"The declaration of {pair.Treatment} to {pair.Insured} for {pair.MonthText} is {(status.Length == 0 ? "not declared" : status)}; it cannot be {step} now (declared → confirmed → paid).");
        }
    }

    // The insured side's own records of the pair's month: the insured city's, or each city's of the insured province.
    private async Task<List<StoredRow>> InsuredRowsAsync(ClearingPair pair, ServerCallContext context)
    {
        var cities = network.Router!.Topology.Nodes.Where(n => n.Role == NodeRole.Municipal && Admdvs.Covers(pair.Insured, n.Admdvs)).Select(n => n.Admdvs);
        var reads = cities.Select(city => network.SendAsync(RawMethods.ListInsuredRecords, city,
            new ListInsuredRecordsRequest { ClrMonth = pair.MonthText, InsuplcAdmdvs = city, MdtrtareaAdmvs = pair.Treatment }, ListInsuredRecordsResponse.Parser, context)).ToList();
        var rows = new List<StoredRow>();
        foreach (var answer in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            var check = new RequestCheck();
            for (var i = 0; i < answer.Rows.Count; i++)
            {
                if (ClearingMapping.ToStore(answer.Rows[i], i, check) is { } row)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    private async Task<Contracts.V1.ClearingDeclaration> DeclarationAsync(ClearingPair pair)
    {
        var declaration = store.DeclarationAsync(pair);
        var booked = store.TotalsAsync(pair);
        return ClearingMapping.Declaration(await declaration.ConfigureAwait(false), await booked.ConfigureAwait(false));
    }

    private static void RequireRegion(string region, List<string> regions, string field)
    {
        if (Admdvs.IsValid(region) && !regions.Contains(region))
        {
            throw new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest,
                $"{field} '{region}' is not a region cleared here; this node clears between {string.Join(", ", regions)}.",
                [new FieldViolation(field, $"must be one of {string.Join(", ", regions)}")]);
        }
    }

    private static void RequireAgencyOf(AuthenticatedCall? call, string region, string what)
    {
        if (call?.Caller is not { Kind: IdentityKind.Agency } agency || agency.Admdvs != region)
        {
            throw Refusals.PermissionDenied(Reasons.AgencyMismatch, $"The agency of {region} {what} its clearing here; the caller is {call?.Caller.ToString() ?? "unknown"}.");
        }
    }

    private string Now() => ChinaTime.Format(ChinaTime.Now(clock));
}
