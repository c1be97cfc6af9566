using Adjudication.Contracts.V1;

namespace Adjudication.Cli.Import;

/// <summary>
/// Institutions (CSV): msgid, fixmedins_code, fixmedins_name, admdvs, hosp_lv (1, 2, 3 or 9), begndate, enddate
/// (blank: open-ended). Each row designates one institution under its own msgid.
/// </summary>
internal sealed class InstitutionSender(ReferenceDataService.ReferenceDataServiceClient client) : UnaryRowSender<DesignateInstitutionRequest>
{
    /// <inheritdoc />
    public override string Kind => "institutions";

    /// <inheritdoc />
    public override bool IsJson => false;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> RequiredColumns { get; } = ["msgid", "fixmedins_code", "fixmedins_name", "admdvs", "hosp_lv", "begndate"];

    /// <inheritdoc />
    protected override DesignateInstitutionRequest Request(ImportRow row) => new()
    {
        Msgid = row["msgid"],
        FixmedinsCode = row["fixmedins_code"],
        FixmedinsName = row["fixmedins_name"],
        Admdvs = row["admdvs"],
        HospLv = RowValues.Code<HospitalLevel>(row, "hosp_lv"),
        Begndate = row["begndate"],
        Enddate = row["enddate"],
    };

    /// <inheritdoc />
    protected override Task CallAsync(DesignateInstitutionRequest request, CancellationToken cancellationToken) =>
        client.DesignateInstitutionAsync(request, cancellationToken: cancellationToken).ResponseAsync;

    /// <inheritdoc />
    protected override string KeyOf(DesignateInstitutionRequest request) => request.FixmedinsCode;
}
