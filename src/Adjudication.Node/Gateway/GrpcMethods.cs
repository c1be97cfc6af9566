namespace Adjudication.Node.Gateway;

/// <summary>
/// The gRPC method each JSON transaction is admitted as (DESIGN.md §8): the access rules hold an envelope to exactly
/// what its gRPC counterpart may do.
/// </summary>
internal static class GrpcMethods
{
    public const string GetPerson = Settlement + "GetPerson";
    public const string RegisterVisit = Settlement + "RegisterVisit";
    public const string UploadFees = Settlement + "UploadFees";
    public const string PreSettle = Settlement + "PreSettle";
    public const string Settle = Settlement + "Settle";
    public const string CancelSettlement = Settlement + "CancelSettlement";
    public const string Reverse = Settlement + "Reverse";
    public const string Discharge = Settlement + "Discharge";
    public const string ReconcileTotals = Reconciliation + "ReconcileTotals";
    public const string ReconcileDetails = Reconciliation + "ReconcileDetails";
    public const string RegisterFiling = Filing + "RegisterFiling";
    public const string RevokeFiling = Filing + "RevokeFiling";

    private const string Settlement = "/adjudication.v1.SettlementService/";
    private const string Reconciliation = "/adjudication.v1.ReconciliationService/";
    private const string Filing = "/adjudication.v1.FilingService/";
}
