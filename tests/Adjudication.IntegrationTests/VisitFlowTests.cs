using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>The full visit over gRPC (DESIGN.md §4): 1101 → 2401 → 2301 → 2303 → 2304 → 2402, numbers in fen.</summary>
public sealed class VisitFlowTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task InpatientVisit_IdentifyRegisterUploadPreSettleSettleDischarge_SplitMatchesHandComputation()
    {
        // Arrange: an employee in service with 1,000.00 yuan in the personal account.
        var person = await _node.AddPersonAsync(balanceFen: 100_000);

        // Act 1: 1101 by ID card.
        var found = await _node.Settlement.GetPersonAsync(new GetPersonRequest
        {
            FixmedinsCode = Hospital,
            MdtrtCertType = MdtrtCertType.IdCard,
            MdtrtCertNo = person.CertNo,
            InsuplcAdmdvs = City,
        });

        Assert.Equal(person.PsnNo, found.PsnNo);
        Assert.Equal(person.Name, found.PsnName);
        Assert.Equal(Insutype.EmployeeBasic, found.Insutype);
        Assert.Equal(PersonType.EmployeeInService, found.PsnType);
        Assert.Equal(City, found.InsuplcAdmdvs);
        Assert.True(found.InsuredActive);
        Assert.Equal(100_000, found.Balc);

        // Act 2: 2401 admission at the tertiary hospital, then 2301 fee upload.
        var mdtrtId = await _node.RegisterVisitAsync(person, MedType.Inpatient);
        Assert.StartsWith(City, mdtrtId, StringComparison.Ordinal);

        // Lines (amount = round(pric × cnt), DESIGN.md §4.1):
        //  1 class A   80.00 × 10   = 80,000 → inscp 80,000 (the terminal sends the amount; it matches)
        //  2 class B  123.45 × 2.5  = 308.625 yuan = 30,862.5 fen → 30,863 (half away from zero);
        //             preselfpay = round(30,863 × 10%) = round(3,086.3) = 3,086; inscp = 27,777
        //  3 class C   50.00 × 2    = 10,000 → fulamt_ownpay 10,000
        //  4 capped A  45.50 × 4    = 18,200; cap 30.00 → overlmt = round((45.50 − 30.00) × 4) = 6,200; inscp 12,000
        // Totals: medfee 139,063 = fulamt 10,000 + overlmt 6,200 + preself 3,086 + inscp 119,777.
        var upload = await _node.UploadAsync(person, mdtrtId,
        [
            Line("1", ClassA, 80.00m, 10m, amountFen: 80_000),
            Line("2", ClassB, 123.45m, 2.5m),
            Line("3", ClassC, 50.00m, 2m),
            Line("4", Capped, 45.50m, 4m),
        ]);

        Assert.Equal(139_063, upload.MedfeeSumamt);
        Assert.Collection(
            upload.Results,
            r => AssertLine(r, "1", ItemClass.A, amount: 80_000, fulamt: 0, overlmt: 0, preself: 0, inscp: 80_000),
            r => AssertLine(r, "2", ItemClass.B, amount: 30_863, fulamt: 0, overlmt: 0, preself: 3_086, inscp: 27_777),
            r => AssertLine(r, "3", ItemClass.C, amount: 10_000, fulamt: 10_000, overlmt: 0, preself: 0, inscp: 0),
            r => AssertLine(r, "4", ItemClass.A, amount: 18_200, fulamt: 0, overlmt: 6_200, preself: 0, inscp: 12_000));

        // Act 3: 2303 pre-settle, twice.
        var settle = _node.NewSettle(person, mdtrtId, useAccount: true);
        var pre1 = await _node.Settlement.PreSettleAsync(settle);
        var pre2 = await _node.Settlement.PreSettleAsync(settle);

        // Assert: a pre-settlement has no setl_id, commits nothing, and so a second one is identical.
        Assert.Equal(string.Empty, pre1.SetlId);
        Assert.Equal(pre1, pre2);
        var afterPreSettle = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, afterPreSettle.Accumulators);
        Assert.Equal(100_000, afterPreSettle.Balance.Fen);

        // Act 4: 2304 settle.
        var settled = await _node.Settlement.SettleAsync(settle);

        // Assert, DESIGN.md §4.2 with the employee policy (tertiary inpatient, in service):
        //  R = 8500; act_pay_dedc = min(119,777, 90,000 per visit) = 90,000; eligible = 29,777
        //  hifp = round(29,777 × 85%) = round(25,310.45) = 25,310; the pool's self-pay share 29,777 − 25,310 = 4,467;
        //  pool_prop_selfpay is R itself, 8500 bp (DESIGN.md §4.2); one setldetail row: 310100 on inscp 119,777,
        //  limit the whole ceiling 10,000,000, paid 25,310
        //  measure 0 → 29,777 < band limit 12,000,000 → hifob 0; no hifmi, no maf
        //  fund = 25,310; psn_part = 139,063 − 25,310 = 113,753
        //  acct = min(balance 100,000, 113,753) = 100,000; cash = 13,753; balance after 0
        var expected = new SettlementSplit
        {
            MedfeeSumamt = 139_063,
            FulamtOwnpayAmt = 10_000,
            OverlmtSelfpay = 6_200,
            PreselfpayAmt = 3_086,
            InscpScpAmt = 119_777,
            ActPayDedc = 90_000,
            HifpPay = 25_310,
            PoolPropSelfpay = 8_500,
            HifobPay = 0,
            HifmiPay = 0,
            MafPay = 0,
            FundPaySumamt = 25_310,
            PsnPartAmt = 113_753,
            AcctPay = 100_000,
            PsnCashPay = 13_753,
            Balc = 0,
            HifpRatioBp = 8_500,
            FilingClass = FilingClass.Unspecified,
            IntegrationZone = false,
            Setldetail = { new SettlementDetail { FundPayType = 310100, InscpScpAmt = 119_777, CrtPaybLmtAmt = 10_000_000, FundPayamt = 25_310 } },
        };
        Assert.Equal(expected, settled.Split);
        Assert.Equal(4_467, settled.Split.InscpScpAmt - settled.Split.ActPayDedc - settled.Split.HifpPay);
        SplitAssert.Identities(settled.Split);
        Assert.Equal(expected, pre1.Split);
        Assert.StartsWith("S", settled.SetlId, StringComparison.Ordinal);
        Assert.Equal(mdtrtId, settled.MdtrtId);
        Assert.Equal(person.PsnNo, settled.PsnNo);
        Assert.Equal(FixedClock.DefaultFormatted, settled.SetlTime);
        Assert.Equal(upload.Results.Count, (await _node.ReadVisitAsync(person.PsnNo, mdtrtId))!.LineCount);

        // The commit moved the year's accumulators by exactly this settlement: eligible 29,777; hifp 25,310;
        // burden = inscp − hifp = 119,777 − 25,310 = 94,467. The deductible was per visit, so the yearly one stays 0.
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(0, state.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(29_777, state.Accumulators.EligibleCumulative.Fen);
        Assert.Equal(25_310, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(94_467, state.Accumulators.BurdenCumulative.Fen);
        Assert.Equal(0, state.Accumulators.SecondLayerPaid.Fen);
        Assert.Equal(0, state.Accumulators.AssistancePaid.Fen);
        Assert.Equal(0, state.Balance.Fen);
        Assert.Equal(2026, state.Year);

        // Act 5: 2402 discharge.
        var discharged = await _node.Settlement.DischargeAsync(new DischargeRequest
        {
            Msgid = _node.NextMsgid(),
            FixmedinsCode = Hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = mdtrtId,
            Endtime = "2026-06-15 09:30:00",
        });

        // Assert: discharged, and the settlement is untouched (a retry still answers the first result).
        Assert.Equal(mdtrtId, discharged.MdtrtId);
        Assert.Equal(settled, await _node.Settlement.SettleAsync(settle));
        Assert.Equal(state.Accumulators, (await _node.ReadPersonAsync(person.PsnNo)).Accumulators);
    }

    [Fact]
    public async Task Settle_ResidentOutpatient_YearlyDeductibleThenHalf()
    {
        // Arrange: a resident adult (no personal account), general outpatient at the tertiary hospital.
        var person = await _node.AddPersonAsync(Domain.Policy.Insutype.ResidentBasic, Domain.Policy.PersonType.ResidentAdult);
        var mdtrtId = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 35.00m, 4m), Line("2", ClassC, 12.34m, 1m)]);

        // Act
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, mdtrtId, useAccount: true));

        // Assert: medfee = 14,000 + 1,234 = 15,234; inscp 14,000; fulamt 1,234.
        // Resident outpatient: deductible 5,000 a year → eligible 9,000; R = 50% → hifp 4,500; pool 4,500.
        // burden = 14,000 − 4,500 = 9,500 < critical-illness threshold 1,500,000 → hifmi 0; not assistance-eligible.
        // fund 4,500; psn_part 10,734; residents have no account even when the flag is set → acct 0, cash 10,734.
        var s = settled.Split;
        SplitAssert.Identities(s);
        Assert.Equal(15_234, s.MedfeeSumamt);
        Assert.Equal(1_234, s.FulamtOwnpayAmt);
        Assert.Equal(14_000, s.InscpScpAmt);
        Assert.Equal(5_000, s.ActPayDedc);
        Assert.Equal(5_000, s.HifpRatioBp);
        Assert.Equal(4_500, s.HifpPay);
        Assert.Equal(4_500, s.InscpScpAmt - s.ActPayDedc - s.HifpPay);
        Assert.Equal(0, s.HifmiPay);
        Assert.Equal(0, s.MafPay);
        Assert.Equal(4_500, s.FundPaySumamt);
        Assert.Equal(10_734, s.PsnPartAmt);
        Assert.Equal(0, s.AcctPay);
        Assert.Equal(10_734, s.PsnCashPay);
    }

    private static void AssertLine(FeeLineResult r, string sn, ItemClass itemClass, long amount, long fulamt, long overlmt, long preself, long inscp)
    {
        Assert.Equal(sn, r.FeedetlSn);
        Assert.Equal(itemClass, r.ItemClass);
        Assert.Equal(amount, r.DetItemFeeSumamt);
        Assert.Equal(fulamt, r.FulamtOwnpayAmt);
        Assert.Equal(overlmt, r.OverlmtSelfpay);
        Assert.Equal(preself, r.PreselfpayAmt);
        Assert.Equal(inscp, r.InscpScpAmt);
        Assert.Equal(CatalogVersion, r.CatalogVersion);
        Assert.Equal(amount, fulamt + overlmt + preself + inscp);
    }
}
