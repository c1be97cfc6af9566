using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>The named fund fields as sums over the layers of their kind (DESIGN.md §4.3), filled while the layers apply.</summary>
internal struct FundFieldSums
{
    public Money Basic;
    public Money CivilServant;
    public Money EnterpriseSupplementary;
    public Money CriticalIllness;
    public Money LargeAmount;
    public Money Assistance;
    public Money Other;
    public Money Total;

    public void Add(FundField field, Money paid)
    {
        switch (field)
        {
            case FundField.Basic: Basic += paid; break;
            case FundField.CivilServant: CivilServant += paid; break;
            case FundField.EnterpriseSupplementary: EnterpriseSupplementary += paid; break;
            case FundField.CriticalIllness: CriticalIllness += paid; break;
            case FundField.LargeAmount: LargeAmount += paid; break;
            case FundField.Assistance: Assistance += paid; break;
            case FundField.Other:
            default: Other += paid; break;
        }

        Total += paid;
    }
}
