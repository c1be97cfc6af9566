using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;

namespace Adjudication.Domain.Tests.Settlement;

public sealed class ClearingTypeTests
{
    [Theory]
    [InlineData(MedType.GeneralOutpatient, "11")]
    [InlineData(MedType.OutpatientRegistration, "12")]
    [InlineData(MedType.Emergency, "13")]
    [InlineData(MedType.ChronicSpecialOutpatient, "14")]
    [InlineData(MedType.Inpatient, "21")]
    [InlineData(MedType.EmergencyToInpatient, "21")]
    [InlineData(MedType.Pharmacy, "41")]
    [InlineData(MedType.Unspecified, "99")]
    public void For_LocalSettlement_CareTypeOfTable396(MedType medType, string expected)
    {
        Assert.Equal(expected, ClearingType.For(medType, Insutype.EmployeeBasic, Scope.Local));
        Assert.Equal(expected, ClearingType.For(medType, Insutype.ResidentBasic, Scope.Local));
    }

    [Theory]
    [InlineData(MedType.GeneralOutpatient, Insutype.EmployeeBasic, Scope.InProvince, "310111")]
    [InlineData(MedType.Inpatient, Insutype.EmployeeBasic, Scope.InProvince, "310211")]
    [InlineData(MedType.Pharmacy, Insutype.EmployeeBasic, Scope.InProvince, "310411")]
    [InlineData(MedType.Emergency, Insutype.EmployeeBasic, Scope.CrossProvince, "310112")]
    [InlineData(MedType.EmergencyToInpatient, Insutype.EmployeeBasic, Scope.CrossProvince, "310212")]
    [InlineData(MedType.Pharmacy, Insutype.EmployeeBasic, Scope.CrossProvince, "310412")]
    [InlineData(MedType.ChronicSpecialOutpatient, Insutype.ResidentBasic, Scope.InProvince, "390111")]
    [InlineData(MedType.Inpatient, Insutype.ResidentBasic, Scope.InProvince, "390211")]
    [InlineData(MedType.Pharmacy, Insutype.ResidentBasic, Scope.InProvince, "390411")]
    [InlineData(MedType.GeneralOutpatient, Insutype.ResidentBasic, Scope.CrossProvince, "390112")]
    [InlineData(MedType.Inpatient, Insutype.ResidentBasic, Scope.CrossProvince, "390212")]
    [InlineData(MedType.Pharmacy, Insutype.ResidentBasic, Scope.CrossProvince, "390412")]
    public void For_CrossRegionBasicScheme_CodeOfTable592(MedType medType, Insutype insutype, Scope scope, string expected) =>
        Assert.Equal(expected, ClearingType.For(medType, insutype, scope));

    [Fact]
    public void For_CrossRegionInsutypeTable592DoesNotList_CareType() =>
        Assert.Equal("21", ClearingType.For(MedType.Inpatient, Insutype.Maternity, Scope.CrossProvince));
}
