using Adjudication.Contracts.V1;
using Adjudication.Node.Settlement;

namespace Adjudication.Node.Gateway;

/// <summary>
/// 2204 门诊费用明细信息上传 / 2301 住院费用明细上传 → SettlementService.UploadFees: <c>input.feedetail</c> rows (one visit
/// per call) → <c>output.result</c>, one row per line with its classification against the treatment catalog
/// (就医地目录). Charge-back lines (negative cnt, init_feedetl_sn) have no counterpart: the node refuses them as it
/// refuses a non-positive quantity over gRPC; cancel the settlement and upload the corrected bill instead.
/// </summary>
internal sealed class FeeTransaction(VisitDesk visits)
{
    /// <summary>Uploads the rows and answers their results.</summary>
    public async Task<GatewayAnswer.Output> UploadAsync(GatewayCall call)
    {
        var rows = call.Input.Rows("feedetail");
        if (rows.Count == 0 && !call.Input.Has("feedetail"))
        {
            call.Input.Problem("feedetail", "is required: the fee lines of one visit");
        }

        var request = new UploadFeesRequest
        {
            Msgid = call.Envelope.Msgid,
            FixmedinsCode = call.Envelope.FixmedinsCode,
            InsuplcAdmdvs = call.Insuplc,
        };
        for (var i = 0; i < rows.Count; i++)
        {
            request.FeeLines.Add(Line(rows[i], request, i == 0));
        }

        await call.AdmitAsync(GrpcMethods.UploadFees, request).ConfigureAwait(false);
        var uploaded = await visits.UploadFeesAsync(request).ConfigureAwait(false);
        // After the desk: it refuses a feedetl_sn sent twice, so each names one line here.
        var sent = request.FeeLines.ToDictionary(l => l.FeedetlSn, StringComparer.Ordinal);
        return w =>
        {
            w.WriteStartArray("result");
            foreach (var result in uploaded.Results)
            {
                WriteResult(w, result, sent[result.FeedetlSn]);
            }

            w.WriteEndArray();
        };
    }

    // Every row names its visit and person; one call uploads to one visit (the gRPC request names them once).
    private static FeeLine Line(JsonFields row, UploadFeesRequest request, bool first)
    {
        var mdtrtId = row.Text("mdtrt_id");
        var psnNo = row.Text("psn_no");
        if (first)
        {
            (request.MdtrtId, request.PsnNo) = (mdtrtId, psnNo);
        }
        else if (mdtrtId != request.MdtrtId || psnNo != request.PsnNo)
        {
            row.Problem("mdtrt_id", "differs from the first row's mdtrt_id or psn_no; upload the lines of one visit per call");
        }

        var feeTime = row.Text("fee_ocur_time", 19);
        return new FeeLine
        {
            FeedetlSn = row.Text("feedetl_sn"),
            MedListCodg = row.Text("med_list_codg", 50),
            Pric = row.Micros("pric", 6),
            Cnt = row.Micros("cnt", 4),
            DetItemFeeSumamt = row.Fen("det_item_fee_sumamt"),
            // The catalog version is chosen by the fee's date (DESIGN.md §4.1); the time of day plays no part.
            FeeOcurTime = feeTime.Length >= 10 ? feeTime[..10] : feeTime,
            HospApprFlag = row.Text("hosp_appr_flag", 3) == "1",
        };
    }

    private static void WriteResult(System.Text.Json.Utf8JsonWriter w, FeeLineResult result, FeeLine line)
    {
        w.WriteStartObject();
        w.WriteString("feedetl_sn", result.FeedetlSn);
        w.Money("det_item_fee_sumamt", result.DetItemFeeSumamt);
        w.WriteNumber("cnt", NationalNumbers.FromMicros(line.Cnt, 4));
        w.WriteNumber("pric", NationalNumbers.FromMicros(line.Pric, 6));
        // The catalog's price cap is not part of the answer of the node's upload; 0 as an empty numeric.
        w.WriteNumber("pric_uplmt_amt", 0);
        w.Money("fulamt_ownpay_amt", result.FulamtOwnpayAmt);
        w.Money("overlmt_amt", result.OverlmtSelfpay);
        w.Money("preselfpay_amt", result.PreselfpayAmt);
        w.Money("inscp_scp_amt", result.InscpScpAmt);
        // 表393 chrgitm_lv: 01 甲类, 02 乙类, 03 丙类 (an unknown code is classed as 丙类, fully self-paid).
        w.WriteString("chrgitm_lv", result.ItemClass switch
        {
            ItemClass.A => "01",
            ItemClass.B => "02",
            _ => "03",
        });
        w.WriteString("med_chrgitm_type", string.Empty);
        w.WriteString("lmt_used_flag", string.Empty);
        w.WriteString("med_list_codg", result.MedListCodg);
        w.WriteEndObject();
    }
}
