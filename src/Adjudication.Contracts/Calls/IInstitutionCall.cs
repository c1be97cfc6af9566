namespace Adjudication.Contracts.V1;

/// <summary>A request an institution sends under its own <c>fixmedins_code</c> (DESIGN.md §8): every SettlementService call.</summary>
public interface IInstitutionCall
{
    /// <summary>The institution the request acts for; must equal the caller's certificate.</summary>
    string FixmedinsCode { get; }
}
