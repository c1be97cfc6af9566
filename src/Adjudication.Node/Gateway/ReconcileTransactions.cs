using System.Text.Json;
using Adjudication.Contracts.V1;
using Adjudication.Node.Ledger;

namespace Adjudication.Node.Gateway;

/// <summary>
/// 3201 对总账 → ReconciliationService.ReconcileTotals; 3202 对明细账 → ReconcileDetails, the same
/// <see cref="ReconciliationDesk"/> calls. The national 3202 moves its rows as files (9101 up, 9102 down); here they
/// travel inline, both ways: the institution's rows as <c>input.detail</c> (objects) or <c>input.file</c> (the TAB text
/// of the national file), the node's answer as <c>output.detail</c> and <c>output.file</c>, with the counts in
/// <c>output.stmtinfo</c>.
/// </summary>
internal sealed class ReconcileTransactions(ReconciliationDesk desk)
{
    /// <summary>3201: <c>input.data</c> → <c>output.stmtinfo</c> (setl_optins, stmt_rslt, stmt_rslt_dscr).</summary>
    public async Task<GatewayAnswer.Output> TotalsAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var request = new ReconcileTotalsRequest
        {
            FixmedinsCode = call.Envelope.FixmedinsCode,
            Insutype = (Insutype)(data?.Code("insutype") ?? 0),
            ClrType = data?.Text("clr_type", 6) ?? string.Empty,
            SetlOptins = data?.Text("setl_optins", 6) ?? string.Empty,
            StmtBegndate = data?.Text("stmt_begndate", 10) ?? string.Empty,
            StmtEnddate = data?.Text("stmt_enddate", 10) ?? string.Empty,
            MedfeeSumamt = data?.Fen("medfee_sumamt") ?? 0,
            FundPaySumamt = data?.Fen("fund_pay_sumamt") ?? 0,
            AcctPay = data?.Fen("acct_pay") ?? 0,
            FixmedinsSetlCnt = data?.Count("fixmedins_setl_cnt") ?? 0,
            RefdSetlFlag = data?.Text("refd_setl_flag", 3) ?? string.Empty,
        };
        await call.AdmitAsync(GrpcMethods.ReconcileTotals, request).ConfigureAwait(false);
        var answer = await desk.ReconcileTotalsAsync(request).ConfigureAwait(false);
        return w =>
        {
            w.WriteStartObject("stmtinfo");
            w.WriteString("setl_optins", answer.SetlOptins);
            w.WriteString("stmt_rslt", answer.StmtRslt);
            w.WriteString("stmt_rslt_dscr", answer.StmtRsltDscr);
            w.WriteEndObject();
        };
    }

    /// <summary>3202: <c>input.data</c> and the rows → one result per comparison, and the counts.</summary>
    public async Task<GatewayAnswer.Output> DetailsAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var header = new ReconcileDetailsHeader
        {
            FixmedinsCode = call.Envelope.FixmedinsCode,
            SetlOptins = data?.Text("setl_optins", 6) ?? string.Empty,
            StmtBegndate = data?.Text("stmt_begndate", 10) ?? string.Empty,
            StmtEnddate = data?.Text("stmt_enddate", 10) ?? string.Empty,
            ClrType = data?.Text("clr_type", 6) ?? string.Empty,
            Insutype = (Insutype)(data?.Code("insutype") ?? 0),
        };
        var rows = RowsOf(call.Input);
        var context = await call.AdmitAsync(GrpcMethods.ReconcileDetails, null).ConfigureAwait(false);
        var answer = new MessageCollector<ReconcileDetailsResponse>();
        await desk.ReconcileDetailsAsync(new MessageList<ReconcileDetailsRequest>(Messages(header, rows)), answer, context).ConfigureAwait(false);
        var results = answer.Messages.SelectMany(m => m.Results).ToList();
        var summary = answer.Messages.Select(m => m.Summary).LastOrDefault(s => s is not null) ?? new ReconcileSummary();
        return w =>
        {
            WriteSummary(w, summary);
            w.WriteStartArray("detail");
            foreach (var r in results)
            {
                WriteResult(w, r);
            }

            w.WriteEndArray();
            w.WriteString("file", DetailRowsText.Format(results));
        };
    }

    private static List<ReconcileRow> RowsOf(JsonFields input)
    {
        var rows = new List<ReconcileRow>();
        foreach (var row in input.Rows("detail"))
        {
            rows.Add(new ReconcileRow
            {
                SetlId = row.Text("setl_id"),
                MdtrtId = row.Text("mdtrt_id"),
                PsnNo = row.Text("psn_no"),
                MedfeeSumamt = row.Fen("medfee_sumamt"),
                FundPaySumamt = row.Fen("fund_pay_sumamt"),
                AcctPay = row.Fen("acct_pay"),
                RefdSetlFlag = row.Text("refd_setl_flag", 3),
            });
        }

        if (input.Text("file", JsonFields.MaxFileLength) is { Length: > 0 } file)
        {
            rows.AddRange(DetailRowsText.Parse(file, input, "file"));
        }

        return rows;
    }

    // The desk takes the stream as gRPC carries it: the header first, at most DetailStream.MaxRowsPerMessage rows a message.
    private static List<ReconcileDetailsRequest> Messages(ReconcileDetailsHeader header, List<ReconcileRow> rows)
    {
        var messages = new List<ReconcileDetailsRequest> { new() { Header = header } };
        for (var start = 0; start < rows.Count; start += DetailStream.MaxRowsPerMessage)
        {
            var part = start == 0 ? messages[0] : new ReconcileDetailsRequest();
            part.Rows.AddRange(rows.Skip(start).Take(DetailStream.MaxRowsPerMessage));
            if (start > 0)
            {
                messages.Add(part);
            }
        }

        return messages;
    }

    private static void WriteSummary(Utf8JsonWriter w, ReconcileSummary summary)
    {
        w.WriteStartObject("stmtinfo");
        w.WriteString("stmt_rslt", summary.StmtRslt);
        w.WriteNumber("hospital_rows", summary.HospitalRows);
        w.WriteNumber("node_rows", summary.NodeRows);
        w.WriteNumber("matched", summary.Matched);
        w.WriteNumber("only_at_hospital", summary.OnlyAtHospital);
        w.WriteNumber("only_at_node", summary.OnlyAtNode);
        w.WriteNumber("amounts_differ", summary.AmountsDiffer);
        w.WriteNumber("duplicate_at_hospital", summary.DuplicateAtHospital);
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, ReconcileResult r)
    {
        w.WriteStartObject();
        w.WriteString("psn_no", r.PsnNo);
        w.WriteString("mdtrt_id", r.MdtrtId);
        w.WriteString("setl_id", r.SetlId);
        w.WriteString("msgid", r.Msgid);
        w.WriteString("stmt_rslt", r.StmtRslt);
        w.WriteString("refd_setl_flag", r.RefdSetlFlag);
        w.WriteString("memo", r.Memo);
        w.Money("medfee_sumamt", r.MedfeeSumamt);
        w.Money("fund_pay_sumamt", r.FundPaySumamt);
        w.Money("acct_pay", r.AcctPay);
        // The typed outcome beside the national 0/1: MATCHED, ONLY_AT_HOSPITAL, ONLY_AT_NODE, AMOUNTS_DIFFER, ...
        w.WriteString("outcome", UpperSnake(r.Outcome.ToString()));
        w.WriteEndObject();
    }

    // OnlyAtNode → ONLY_AT_NODE, as the proto and the README name the outcomes.
    private static string UpperSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
