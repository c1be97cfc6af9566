using System.Globalization;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// 清算类别 <c>clr_type</c> of a settlement: the key under which the treatment city books it for its hospital and
/// clears it with the insured region (DESIGN.md §11). The codes are the national tables':
/// <list type="bullet">
/// <item>a local settlement (same city) takes the care type of table 396: 11 门诊, 12 门诊挂号, 13 急诊, 14 门诊慢特病,
/// 21 住院 (24 急诊转住院 is booked as the stay it became), 41 药店购药;</item>
/// <item>a cross-region settlement of the basic schemes takes table 592: the insutype (310 employees, 390 residents),
/// the care (1 outpatient incl. emergency and chronic, 2 inpatient, 4 pharmacy), 1, then 1 in-province or 2
/// cross-province: 310111 职工省内门诊 ... 390212 居民跨省住院. The table prints 居民跨省药店购药 as 310412, a duplicate
/// of the employees' code; 390412 is used, as the table's pattern means;</item>
/// <item>a cross-region settlement of any other insutype, which table 592 does not list, takes the care type too.</item>
/// </list>
/// </summary>
public static class ClearingType
{
    /// <summary>The <c>clr_type</c> of a settlement of <paramref name="medType"/> under <paramref name="insutype"/> in <paramref name="scope"/>.</summary>
    public static string For(MedType medType, Insutype insutype, Scope scope)
    {
        if (scope == Scope.Local || insutype is not (Insutype.EmployeeBasic or Insutype.ResidentBasic))
        {
            return CareType(medType);
        }

        var care = medType switch
        {
            MedType.Inpatient or MedType.EmergencyToInpatient => '2',
            MedType.Pharmacy => '4',
            _ => '1',
        };
        var region = scope == Scope.InProvince ? '1' : '2';
        return string.Create(CultureInfo.InvariantCulture, $"{(int)insutype}{care}1{region}");
    }

    private static string CareType(MedType medType) => medType switch
    {
        MedType.GeneralOutpatient => "11",
        MedType.OutpatientRegistration => "12",
        MedType.Emergency => "13",
        MedType.ChronicSpecialOutpatient => "14",
        MedType.Inpatient or MedType.EmergencyToInpatient => "21",
        MedType.Pharmacy => "41",
        _ => "99",
    };
}
