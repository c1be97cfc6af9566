namespace Adjudication.Domain.Policy;

/// <summary>Which second-layer fund a policy has (DESIGN.md §4.2 step 5).</summary>
public enum SecondLayerKind
{
    /// <summary>No second layer.</summary>
    None = 0,

    /// <summary>Employees: 大额 <c>hifob_pay</c>, measured on yearly cumulative eligible amount, bands above the basic limit.</summary>
    LargeAmount = 1,

    /// <summary>Residents: 大病 <c>hifmi_pay</c>, measured on yearly cumulative in-scope personal burden.</summary>
    CriticalIllness = 2,
}
