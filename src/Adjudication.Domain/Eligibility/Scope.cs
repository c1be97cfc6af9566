namespace Adjudication.Domain.Eligibility;

/// <summary>Where the treatment is relative to the insured region (DESIGN.md §4.2 step 2).</summary>
public enum Scope
{
    /// <summary>Same city: no filing, no reduction.</summary>
    Local = 0,

    /// <summary>Another city of the same province (省内异地).</summary>
    InProvince = 1,

    /// <summary>Another province (跨省异地).</summary>
    CrossProvince = 2,
}
