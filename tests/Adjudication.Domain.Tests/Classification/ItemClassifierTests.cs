using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Tests.Support;

namespace Adjudication.Domain.Tests.Classification;

/// <summary>DESIGN.md §4.1. Unless said otherwise the line is 12.50 yuan × 2 = 2500 fen.</summary>
public sealed class ItemClassifierTests
{
    private const long Price1250 = 12_500_000;  // 12.50 yuan in micros
    private const long Quantity2 = 2_000_000;   // 2 units in micros
    private const long Cap1000 = 10_000_000;    // a 10.00 yuan price cap in micros

    [Fact]
    public void TryClassify_ClassAWithoutCap_AllInScope()
    {
        // Arrange: amount = 12.50 × 2 = 25.00 yuan = 2500 fen; class A, no cap → inscp 2500.
        var line = TestPolicies.Line(Price1250, Quantity2);
        var entry = TestPolicies.Entry(ItemClass.A);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.A, new(2_500), new(0), new(0), new(0), new(2_500)), result);
        SplitAssert.Line(result);
    }

    [Fact]
    public void TryClassify_ClassAPriceCapBelowUnitPrice_ExcessIsOverLimit()
    {
        // Arrange: cap 10.00 < price 12.50 → overlmt = round((12.50 − 10.00) × 2) = 5.00 yuan = 500 fen;
        // base = 2500 − 500 = 2000; class A → preselfpay 0, inscp 2000.
        var line = TestPolicies.Line(Price1250, Quantity2);
        var entry = TestPolicies.Entry(ItemClass.A, priceCapMicros: Cap1000);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.A, new(2_500), new(0), new(500), new(0), new(2_000)), result);
        SplitAssert.Line(result);
    }

    [Fact]
    public void TryClassify_PriceCapAboveUnitPrice_NoOverLimit()
    {
        // Arrange: cap 15.00 ≥ price 12.50 → overlmt 0; class A → inscp 2500.
        var line = TestPolicies.Line(Price1250, Quantity2);
        var entry = TestPolicies.Entry(ItemClass.A, priceCapMicros: 15_000_000);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.A, new(2_500), new(0), new(0), new(0), new(2_500)), result);
    }

    [Fact]
    public void TryClassify_ClassBWithCap_SelfPayIsShareOfBaseAfterOverLimit()
    {
        // Arrange: overlmt 500 (as above); base 2000; class B 10% → preselfpay = round(2000 × 0.10) = 200;
        // inscp = 2000 − 200 = 1800. 0 + 500 + 200 + 1800 = 2500.
        var line = TestPolicies.Line(Price1250, Quantity2);
        var entry = TestPolicies.Entry(ItemClass.B, selfPayBp: 1_000, priceCapMicros: Cap1000);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.B, new(2_500), new(0), new(500), new(200), new(1_800)), result);
        SplitAssert.Line(result);
    }

    [Fact]
    public void TryClassify_ClassBHalfFenSelfPay_RoundsHalfAwayFromZero()
    {
        // Arrange: 3.33 yuan × 1 = 333 fen; class B 15% → 333 × 0.15 = 49.95 → 50; inscp 283.
        var line = TestPolicies.Line(3_330_000, 1_000_000);
        var entry = TestPolicies.Entry(ItemClass.B, selfPayBp: 1_500);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.B, new(333), new(0), new(0), new(50), new(283)), result);
    }

    [Fact]
    public void TryClassify_FractionalQuantityWithCapAndSelfPay_EachPartRoundedOnce()
    {
        // Arrange: 12.345678 yuan × 3.5 = 43.209873 yuan → amount 4321 fen;
        // overlmt = round((12.345678 − 10) × 3.5) = round(8.209873 yuan) = round(820.9873 fen) = 821;
        // base = 4321 − 821 = 3500; class B 10% → preselfpay 350; inscp 3150. 821 + 350 + 3150 = 4321.
        var line = TestPolicies.Line(12_345_678, 3_500_000);
        var entry = TestPolicies.Entry(ItemClass.B, selfPayBp: 1_000, priceCapMicros: Cap1000);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.B, new(4_321), new(0), new(821), new(350), new(3_150)), result);
        SplitAssert.Line(result);
    }

    [Fact]
    public void TryClassify_ClassC_FullOwnPay()
    {
        // Arrange: class C → fulamt_ownpay = amount = 2500, even with a cap below the price.
        var line = TestPolicies.Line(Price1250, Quantity2);
        var entry = TestPolicies.Entry(ItemClass.C, priceCapMicros: Cap1000);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.C, new(2_500), new(2_500), new(0), new(0), new(0)), result);
        SplitAssert.Line(result);
    }

    [Fact]
    public void TryClassify_UnknownCode_FullOwnPayAsUnknown()
    {
        // Arrange: no catalog entry → class Unknown, fulamt_ownpay = 2500.
        var line = TestPolicies.Line(Price1250, Quantity2);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry: null, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.Unknown, new(2_500), new(2_500), new(0), new(0), new(0)), result);
        SplitAssert.Line(result);
    }

    [Fact]
    public void TryClassify_RestrictedWithoutApproval_FullOwnPay()
    {
        // Arrange: restricted class B without the hospital's approval → fulamt_ownpay = 2500, no overlmt split.
        var line = TestPolicies.Line(Price1250, Quantity2, approved: false);
        var entry = TestPolicies.Entry(ItemClass.B, selfPayBp: 1_000, priceCapMicros: Cap1000, restricted: true);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.B, new(2_500), new(2_500), new(0), new(0), new(0)), result);
    }

    [Fact]
    public void TryClassify_RestrictedWithApproval_ClassifiedNormally()
    {
        // Arrange: approved → as an ordinary class B line: overlmt 500, preselfpay 200, inscp 1800.
        var line = TestPolicies.Line(Price1250, Quantity2, approved: true);
        var entry = TestPolicies.Entry(ItemClass.B, selfPayBp: 1_000, priceCapMicros: Cap1000, restricted: true);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.B, new(2_500), new(0), new(500), new(200), new(1_800)), result);
    }

    [Theory]
    [InlineData(2_499)]
    [InlineData(2_501)]
    [InlineData(250_000)] // sent in the wrong unit (yuan × 100 twice)
    public void TryClassify_SentAmountDiffers_ReturnsFalse(long sentFen)
    {
        // Arrange: computed amount is 2500 fen; anything else is FEE_AMOUNT_MISMATCH.
        var line = TestPolicies.Line(Price1250, Quantity2, sentAmountFen: sentFen);
        var entry = TestPolicies.Entry(ItemClass.A);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.False(ok);
        Assert.Equal(default, result);
    }

    [Fact]
    public void TryClassify_SentAmountEqual_Classifies()
    {
        // Arrange: the terminal sent 2500 fen, exactly round(12.50 × 2) → ok, class B 10% with cap: 500 / 200 / 1800.
        var line = TestPolicies.Line(Price1250, Quantity2, sentAmountFen: 2_500);
        var entry = TestPolicies.Entry(ItemClass.B, selfPayBp: 1_000, priceCapMicros: Cap1000);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(new ClassifiedLine(ItemClass.B, new(2_500), new(0), new(500), new(200), new(1_800)), result);
    }

    [Fact]
    public void TryClassify_SentAmountRoundedHalfUp_Accepted()
    {
        // Arrange: 0.005 yuan × 1 = 0.5 fen → 1 fen; a terminal that rounds half away from zero sends 1 and is accepted.
        var line = TestPolicies.Line(5_000, 1_000_000, sentAmountFen: 1);
        var entry = TestPolicies.Entry(ItemClass.A);

        // Act
        var ok = ItemClassifier.TryClassify(line, entry, out var result);

        // Assert
        Assert.True(ok);
        Assert.Equal(1, result.InScope.Fen);
    }

    [Fact]
    public void Add_SeveralLines_TotalsKeepIdentity()
    {
        // Arrange: A-with-cap (2500: 0/500/0/2000) + B-with-cap (2500: 0/500/200/1800) + C (2500: 2500/0/0/0)
        // → medfee 7500 = fulamt 2500 + overlmt 1000 + preselfpay 200 + inscp 3800.
        var line = TestPolicies.Line(Price1250, Quantity2);
        ItemClassifier.TryClassify(line, TestPolicies.Entry(ItemClass.A, priceCapMicros: Cap1000), out var a);
        ItemClassifier.TryClassify(line, TestPolicies.Entry(ItemClass.B, selfPayBp: 1_000, priceCapMicros: Cap1000), out var b);
        ItemClassifier.TryClassify(line, TestPolicies.Entry(ItemClass.C), out var c);

        // Act
        var totals = default(ItemTotals).Add(a).Add(b).Add(c);

        // Assert
        Assert.Equal(TestPolicies.Items(fullOwnPay: 2_500, overLimit: 1_000, preSelfPay: 200, inScope: 3_800), totals);
        Assert.Equal(7_500, totals.MedFeeSum.Fen);
    }
}
