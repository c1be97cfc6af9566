using Adjudication.Contracts.V1;

namespace Adjudication.Cli.Import;

/// <summary>
/// Personal-account movements (CSV): msgid, psn_no, insuplc_admdvs, amount (yuan, two decimals at most), and optional
/// kind (credit, the default, e.g. the yearly transfer; or adjust, which may be negative and needs a reason) and reason.
/// Each row is one journal movement under its own msgid, so a re-run credits nothing twice.
/// </summary>
internal sealed class AccountSender(ReferenceDataService.ReferenceDataServiceClient client) : UnaryRowSender<AccountSender.Movement>
{
    /// <inheritdoc />
    public override string Kind => "accounts";

    /// <inheritdoc />
    public override bool IsJson => false;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> RequiredColumns { get; } = ["msgid", "psn_no", "insuplc_admdvs", "amount"];

    /// <inheritdoc />
    protected override Movement Request(ImportRow row)
    {
        var amount = RowValues.Fen(row, "amount");
        var person = $"{row["insuplc_admdvs"]}|{row["psn_no"]}";
        return row["kind"] switch
        {
            "" or "credit" => new Movement(person, new CreditAccountRequest { Msgid = row["msgid"], PsnNo = row["psn_no"], InsuplcAdmdvs = row["insuplc_admdvs"], Amount = amount, Reason = row["reason"] }, null),
            "adjust" => new Movement(person, null, new AdjustAccountRequest { Msgid = row["msgid"], PsnNo = row["psn_no"], InsuplcAdmdvs = row["insuplc_admdvs"], Amount = amount, Reason = row["reason"] }),
            var other => throw new RowRefusedException($"kind '{other}' must be credit or adjust"),
        };
    }

    /// <inheritdoc />
    protected override Task CallAsync(Movement request, CancellationToken cancellationToken) => request.Credit is { } credit
        ? client.CreditAccountAsync(credit, cancellationToken: cancellationToken).ResponseAsync
        : client.AdjustAccountAsync(request.Adjust!, cancellationToken: cancellationToken).ResponseAsync;

    /// <inheritdoc />
    protected override string KeyOf(Movement request) => request.Person;

    /// <summary>A credit or an adjustment of <paramref name="Person"/>'s account (insuplc_admdvs|psn_no).</summary>
    internal sealed record Movement(string Person, CreditAccountRequest? Credit, AdjustAccountRequest? Adjust);
}
