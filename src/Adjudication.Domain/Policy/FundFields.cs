namespace Adjudication.Domain.Policy;

/// <summary>Which named output field each national fund type sums into (DESIGN.md §4.3; NATIONAL-INTERFACE.md 表420).</summary>
public static class FundFields
{
    /// <summary>The named field of <paramref name="type"/>; a fund type without a named field of its own goes to <c>oth_pay</c>.</summary>
    public static FundField Of(FundPayType type) => type switch
    {
        FundPayType.EmployeePool or FundPayType.ResidentPool => FundField.Basic,
        FundPayType.CivilServantSubsidy => FundField.CivilServant,
        FundPayType.EnterpriseSupplementary => FundField.EnterpriseSupplementary,
        FundPayType.CriticalIllness => FundField.CriticalIllness,
        FundPayType.LargeAmount => FundField.LargeAmount,
        FundPayType.MedicalAssistance => FundField.Assistance,
        _ => FundField.Other,
    };
}
