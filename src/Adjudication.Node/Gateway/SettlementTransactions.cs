using Adjudication.Contracts.V1;
using Adjudication.Domain.Time;
using Adjudication.Node.Settlement;

namespace Adjudication.Node.Gateway;

/// <summary>
/// 2206/2303 预结算 → SettlementService.PreSettle, 2207/2304 结算 → Settle, 2208/2305 结算撤销 → CancelSettlement,
/// 2601 冲正 → Reverse: the same <see cref="SettlementDesk"/> calls as over gRPC, so msgid idempotency, routing to the
/// insured city and the ledger are the same. The split the terminal sends with 2207 (medfee_sumamt and the four parts)
/// is read for its format only: the node's own totals of the uploaded lines are what it settles.
/// </summary>
internal sealed class SettlementTransactions(SettlementDesk desk, TimeProvider clock)
{
    /// <summary>Pre-settles (<paramref name="commit"/> false) or settles <c>input.data</c> → <c>setlinfo</c>, <c>setldetail</c>.</summary>
    public async Task<GatewayAnswer.Output> SettleAsync(GatewayCall call, bool commit)
    {
        var data = call.Input.Object("data");
        InsideInput.RequireSameDivisions(call, data);
        foreach (var amount in (ReadOnlySpan<string>)["medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt"])
        {
            data?.Fen(amount);
        }

        var request = new SettleRequest
        {
            Msgid = call.Envelope.Msgid,
            FixmedinsCode = call.Envelope.FixmedinsCode,
            PsnNo = data?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            MdtrtId = data?.Text("mdtrt_id") ?? string.Empty,
            AcctUsedFlag = data?.Text("acct_used_flag", 1) is "1" or "2",
        };
        var context = await call.AdmitAsync(commit ? GrpcMethods.Settle : GrpcMethods.PreSettle, request).ConfigureAwait(false);
        var settled = await desk.SettleAsync(request, commit, context).ConfigureAwait(false);
        var row = new SetlinfoOutput.Row(settled.MdtrtId, settled.SetlId, settled.PsnNo, settled.SetlTime, request.Msgid, settled.Split.Balc, Cancel: false);
        return w => SetlinfoOutput.Write(w, settled.Split, row);
    }

    /// <summary>Cancels (2208/2305) <c>input.data</c> → <c>setlinfo</c>, <c>setldetail</c> with the amounts given back, negated.</summary>
    public async Task<GatewayAnswer.Output> CancelAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var request = new CancelSettlementRequest
        {
            Msgid = call.Envelope.Msgid,
            FixmedinsCode = call.Envelope.FixmedinsCode,
            PsnNo = data?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            MdtrtId = data?.Text("mdtrt_id") ?? string.Empty,
            SetlId = data?.Text("setl_id") ?? string.Empty,
        };
        var context = await call.AdmitAsync(GrpcMethods.CancelSettlement, request).ConfigureAwait(false);
        var cancelled = await desk.CancelAsync(request, context).ConfigureAwait(false);
        // The cancel's answer carries no time of its own; setl_time is when this node answered it (China time).
        var row = new SetlinfoOutput.Row(request.MdtrtId, cancelled.SetlId, request.PsnNo, ChinaTime.Format(ChinaTime.Now(clock)), request.Msgid, cancelled.Balc, Cancel: true);
        return w => SetlinfoOutput.Write(w, cancelled.Restored ?? new SettlementSplit(), row);
    }

    /// <summary>2601: <c>input.data</c> (psn_no, omsgid, oinfno). The national 2601 has no output; <c>output.data</c> says what happened.</summary>
    public async Task<GatewayAnswer.Output> ReverseAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var request = new ReverseRequest
        {
            Msgid = call.Envelope.Msgid,
            FixmedinsCode = call.Envelope.FixmedinsCode,
            PsnNo = data?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            Omsgid = data?.Text("omsgid") ?? string.Empty,
            Oinfno = data?.Text("oinfno", 6) ?? string.Empty,
        };
        var context = await call.AdmitAsync(GrpcMethods.Reverse, request).ConfigureAwait(false);
        var reversed = await desk.ReverseAsync(request, context).ConfigureAwait(false);
        return w =>
        {
            w.WriteStartObject("data");
            // REVERSED: the settlement was undone; TOMBSTONED: it never arrived and will be refused if it does.
            w.WriteString("rvs_rslt", reversed.Outcome == ReverseOutcome.Reversed ? "REVERSED" : "TOMBSTONED");
            w.WriteString("setl_id", reversed.SetlId);
            w.WriteString("mdtrt_id", reversed.MdtrtId);
            w.WriteEndObject();
        };
    }
}
