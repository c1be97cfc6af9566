using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Settlement;

/// <summary>
/// Pre-settle, settle, cancel and reverse as terminals and peers call them: checks the request, then hands it to the
/// side this node plays for the person (DESIGN.md §3). For a person insured here that is the
/// <see cref="InsuredSettlement"/> and <see cref="InsuredReversal"/>; for a person insured elsewhere this node is the
/// treatment city, <see cref="TreatmentSettlement"/>.
/// </summary>
internal sealed class SettlementDesk(
    InsuredSettlement insured,
    InsuredReversal reversal,
    TreatmentSettlement treatment,
    NetworkClient network,
    IOptions<NodeOptions> options)
{
    private readonly string _admdvs = options.Value.Admdvs;

    /// <summary>A terminal's pre-settle (2206/2303) or settle (2207/2304), for a person insured here or elsewhere.</summary>
    public async Task<SettleResponse> SettleAsync(SettleRequest request, bool commit, ServerCallContext? context)
    {
        CheckSettle(request);
        return IsInsuredHere(request.InsuplcAdmdvs)
            ? (await insured.SettleAsync(request, remote: null, commit).ConfigureAwait(false)).Message
            : await treatment.SettleAsync(request, commit, context).ConfigureAwait(false);
    }

    /// <summary>The insured city's half of a settlement for a visit recorded at another city (NetworkService.Adjudicate).</summary>
    public Task<SettleAnswer> AdjudicateAsync(AdjudicateRequest request)
    {
        var settle = request.Settle ?? new SettleRequest();
        CheckSettle(settle);
        CheckInsuredHere(settle.InsuplcAdmdvs);
        var visit = VisitSummaries.ToRemoteSnapshot(request.Visit ?? new VisitSummary(), settle);
        return insured.SettleAsync(settle, visit, request.Commit);
    }

    /// <summary>A terminal's cancel (2208/2305); for a person insured elsewhere the insured city undoes it and the visit reopens here.</summary>
    public Task<CancelSettlementResponse> CancelAsync(CancelSettlementRequest request, ServerCallContext? context)
    {
        CheckCancel(request);
        return IsInsuredHere(request.InsuplcAdmdvs) ? reversal.CancelAsync(request) : treatment.CancelAsync(request, context);
    }

    /// <summary>Cancels a settlement of a person insured here (a call relayed from the treatment city).</summary>
    public Task<CancelSettlementResponse> CancelHereAsync(CancelSettlementRequest request)
    {
        CheckCancel(request);
        CheckInsuredHere(request.InsuplcAdmdvs);
        return reversal.CancelAsync(request);
    }

    /// <summary>A terminal's reversal (2601); for a person insured elsewhere the insured city decides and a reversed visit reopens here.</summary>
    public Task<ReverseResponse> ReverseAsync(ReverseRequest request, ServerCallContext? context)
    {
        CheckReverse(request);
        return IsInsuredHere(request.InsuplcAdmdvs) ? reversal.ReverseAsync(request) : treatment.ReverseAsync(request, context);
    }

    /// <summary>Reverses a settlement of a person insured here (a call relayed from the treatment city), or tombstones its msgid.</summary>
    public Task<ReverseResponse> ReverseHereAsync(ReverseRequest request)
    {
        CheckReverse(request);
        CheckInsuredHere(request.InsuplcAdmdvs);
        return reversal.ReverseAsync(request);
    }

    private static void CheckSettle(SettleRequest request) =>
        new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Id("mdtrt_id", request.MdtrtId)
            .ThrowIfAny();

    private static void CheckCancel(CancelSettlementRequest request) =>
        new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Id("mdtrt_id", request.MdtrtId)
            .Id("setl_id", request.SetlId)
            .ThrowIfAny();

    private static void CheckReverse(ReverseRequest request)
    {
        new RequestCheck()
            .Fixmedins("fixmedins_code", request.FixmedinsCode)
            .Msgid("msgid", request.Msgid, request.FixmedinsCode)
            .Msgid("omsgid", request.Omsgid, request.FixmedinsCode)
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .That(request.Msgid != request.Omsgid, "omsgid", "must differ from the reversal's own msgid")
            .ThrowIfAny();
        if (request.Oinfno is not ("2207" or "2304"))
        {
            throw Refusals.Precondition(Reasons.ReversalNotSupported, $"Reversal of transaction '{Echo.Cut(request.Oinfno)}' is not supported; only settlements (2207/2304) are reversed. Use the matching cancel transaction instead.");
        }
    }

    // The engine runs where the insured region lives (DESIGN.md §3): persons insured in another city go over the
    // network when this node is part of one; a node without a topology refuses them.
    private bool IsInsuredHere(string insuplc) =>
        Admdvs.CityOf(insuplc) == Admdvs.CityOf(_admdvs) || (network.IsConnected ? false : throw NotInsuredHere(insuplc));

    private void CheckInsuredHere(string insuplc)
    {
        if (Admdvs.CityOf(insuplc) != Admdvs.CityOf(_admdvs))
        {
            throw NotInsuredHere(insuplc);
        }
    }

    private AdjudicationException NotInsuredHere(string insuplc) =>
        Refusals.Precondition(Reasons.NotInsuredHere, $"Persons insured in {insuplc} are settled by their own city's node; this node serves {_admdvs}.");
}
