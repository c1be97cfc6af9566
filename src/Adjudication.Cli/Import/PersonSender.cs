using Adjudication.Contracts.V1;

namespace Adjudication.Cli.Import;

/// <summary>
/// Persons (CSV): psn_no, insuplc_admdvs, psn_name, certno, insutype, psn_type, and the flags insured_active (blank: 1),
/// cvlserv_flag, enterprise_supplementary, assistance_eligible (blank: 0). Each batch is one EnrolPersons message under
/// a fresh msgid; a person already held with the same data comes back unchanged, so a re-run writes nothing.
/// </summary>
internal sealed class PersonSender(ReferenceDataService.ReferenceDataServiceClient client, AgencyMsgids msgids) : IRowSender
{
    /// <inheritdoc />
    public string Kind => "persons";

    /// <inheritdoc />
    public bool IsJson => false;

    /// <inheritdoc />
    public IReadOnlyCollection<string> RequiredColumns { get; } = ["psn_no", "insuplc_admdvs", "psn_name", "certno", "insutype", "psn_type"];

    /// <inheritdoc />
    public int BatchSize => 5_000;

    /// <summary>
    /// Two: the node enrols one message while the next is read and sent (perf/README.md "Reference data import").
    /// Two messages about the same person, or the same ID number, go one after the other, since which of them is
    /// applied first decides which is refused.
    /// </summary>
    public int BatchesInFlight => 2;

    /// <inheritdoc />
    public bool Independent(IReadOnlyList<ImportRow> earlier, IReadOnlyList<ImportRow> later)
    {
        var named = new HashSet<string>(earlier.Count * 2, StringComparer.Ordinal);
        foreach (var row in earlier)
        {
            named.Add("p:" + row["psn_no"]);
            named.Add("c:" + row["certno"]);
        }

        foreach (var row in later)
        {
            if (named.Contains("p:" + row["psn_no"]) || named.Contains("c:" + row["certno"]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RowOutcome>> SendAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome?[rows.Count];
        var request = new EnrolPersonsRequest { Msgid = msgids.Next() };
        var sent = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                request.Persons.Add(Enrolment(rows[i]));
                sent.Add(i);
            }
            catch (RowRefusedException ex)
            {
                outcomes[i] = new RowOutcome(rows[i].Where, RowResult.Refused, ex.Message);
            }
        }

        if (sent.Count > 0)
        {
            var answer = await client.EnrolPersons(cancellationToken: cancellationToken).SendAllAsync([request]).ConfigureAwait(false);
            var reasons = answer.RefusedRows.ToDictionary(r => r.Index, r => $"{r.Reason}: {r.Message}");
            for (var k = 0; k < sent.Count; k++)
            {
                var row = rows[sent[k]];
                outcomes[sent[k]] = answer.Outcomes[k] switch
                {
                    ChangeOutcome.Enrolled or ChangeOutcome.Updated => new RowOutcome(row.Where, RowResult.Applied),
                    ChangeOutcome.Unchanged => new RowOutcome(row.Where, RowResult.Unchanged),
                    _ => new RowOutcome(row.Where, RowResult.Refused, reasons.GetValueOrDefault(k, "refused by the node")),
                };
            }
        }

        return [.. outcomes.Select(o => o!)];
    }

    private static PersonEnrolment Enrolment(ImportRow row) => new()
    {
        PsnNo = row["psn_no"],
        InsuplcAdmdvs = row["insuplc_admdvs"],
        PsnName = row["psn_name"],
        Certno = row["certno"],
        Insutype = RowValues.Code<Insutype>(row, "insutype"),
        PsnType = RowValues.Code<PersonType>(row, "psn_type"),
        InsuredActive = RowValues.Flag(row, "insured_active", blank: true),
        CvlservFlag = RowValues.Flag(row, "cvlserv_flag"),
        EnterpriseSupplementary = RowValues.Flag(row, "enterprise_supplementary"),
        AssistanceEligible = RowValues.Flag(row, "assistance_eligible"),
    };
}
