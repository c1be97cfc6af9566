using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The accumulators the test policies use, read by what they mean (DESIGN.md §4.2): a person has one insutype, so the
/// basic fund is the employee or the resident pool and the second layer large-amount or critical illness.
/// </summary>
public static class AccumulatorReadings
{
    extension(YearAccumulators year)
    {
        /// <summary>The yearly deductible used.</summary>
        public Money DeductibleUsed => year[AccumulatorId.DeductibleUsed];

        /// <summary>The yearly cumulative eligible amount.</summary>
        public Money EligibleCumulative => year[AccumulatorId.EligibleCumulative];

        /// <summary>What the basic fund paid this year.</summary>
        public Money BasicPaid => year[AccumulatorId.PaidBy(FundPayType.EmployeePool)] + year[AccumulatorId.PaidBy(FundPayType.ResidentPool)];

        /// <summary>The yearly in-scope burden after the basic fund.</summary>
        public Money BurdenCumulative => year[AccumulatorId.BurdenCumulative];

        /// <summary>What the second layer paid this year.</summary>
        public Money SecondLayerPaid => year[AccumulatorId.PaidBy(FundPayType.LargeAmount)] + year[AccumulatorId.PaidBy(FundPayType.CriticalIllness)];

        /// <summary>What medical assistance paid this year.</summary>
        public Money AssistancePaid => year[AccumulatorId.PaidBy(FundPayType.MedicalAssistance)];
    }
}
