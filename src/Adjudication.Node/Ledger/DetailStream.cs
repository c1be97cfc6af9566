using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Adjudication.Node.Validation;
using Grpc.Core;

namespace Adjudication.Node.Ledger;

/// <summary>
/// The institution's side of a 3202 stream: a header in the first message, rows in any message, bounded per message
/// and per stream so one call cannot hold unbounded memory at the node.
/// </summary>
internal static class DetailStream
{
    /// <summary>Most rows in one message, either way.</summary>
    public const int MaxRowsPerMessage = 5_000;

    /// <summary>Most rows in one stream: a large hospital's year of settlements.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>
    /// Reads the whole stream: its header and every row, refusing a stream that breaks the bounds or the shape.
    /// <paramref name="admit"/> sees the header as soon as it arrives, so a caller it refuses is not read further.
    /// </summary>
    public static async Task<(ReconcileDetailsHeader Header, List<ReconcileRow> Rows)> ReadAsync(
        IAsyncStreamReader<ReconcileDetailsRequest> input, Action<ReconcileDetailsHeader> admit, CancellationToken cancellation)
    {
        ReconcileDetailsHeader? header = null;
        var rows = new List<ReconcileRow>();
        var messages = 0;
        while (await input.MoveNext(cancellation).ConfigureAwait(false))
        {
            var message = input.Current;
            messages++;
            if (messages == 1)
            {
                header = message.Header ?? throw Refused("header", "is required in the first message of the stream");
                admit(header);
            }
            else if (message.Header is not null)
            {
                throw Refused("header", string.Create(CultureInfo.InvariantCulture, $"belongs in the first message only; message {messages} carries one"));
            }

            if (message.Rows.Count > MaxRowsPerMessage)
            {
                throw Refused("rows", string.Create(CultureInfo.InvariantCulture, $"are at most {MaxRowsPerMessage:N0} per message; message {messages} has {message.Rows.Count:N0}"));
            }

            if (rows.Count + message.Rows.Count > MaxRows)
            {
                throw Refused("rows", string.Create(CultureInfo.InvariantCulture, $"are at most {MaxRows:N0} in one stream; split the period and reconcile each part"));
            }

            rows.AddRange(message.Rows);
        }

        return (header ?? throw Refused("header", "is required: the stream was empty"), rows);
    }

    /// <summary>Checks every row, naming each bad field by its place in the stream (rows[0] is the first row sent).</summary>
    public static void CheckRows(RequestCheck check, IReadOnlyList<ReconcileRow> rows)
    {
        var bad = 0;
        for (var i = 0; i < rows.Count && bad <= RpcErrors.MaxViolations; i++)
        {
            var before = check.Count;
            var name = string.Create(CultureInfo.InvariantCulture, $"rows[{i}].");
            var refunded = ReconcileChecks.RefundFlag(check, name + "refd_setl_flag", rows[i].RefdSetlFlag, emptyMeansBoth: false);
            check.Id(name + "setl_id", rows[i].SetlId).Id(name + "mdtrt_id", rows[i].MdtrtId).Id(name + "psn_no", rows[i].PsnNo);
            ReconcileChecks.Amount(check, name + "medfee_sumamt", rows[i].MedfeeSumamt, refunded);
            ReconcileChecks.Amount(check, name + "fund_pay_sumamt", rows[i].FundPaySumamt, refunded);
            ReconcileChecks.Amount(check, name + "acct_pay", rows[i].AcctPay, refunded);
            if (check.Count > before)
            {
                bad++;
            }
        }
    }

    private static AdjudicationException Refused(string field, string problem) => new(
        ErrorKind.InvalidArgument,
        Reasons.InvalidRequest,
        string.Create(CultureInfo.InvariantCulture, $"The 3202 stream is malformed: {field} {problem}. Send the header in the first message and at most {MaxRowsPerMessage:N0} rows per message."),
        [new FieldViolation(field, problem)]);
}
