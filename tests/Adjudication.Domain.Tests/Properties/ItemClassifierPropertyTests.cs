using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Tests.Support;
using Adjudication.Domain.Units;
using CsCheck;

namespace Adjudication.Domain.Tests.Properties;

/// <summary>DESIGN.md §4.1 on random prices, quantities, caps and ratios, against a <see cref="decimal"/> oracle.</summary>
public sealed class ItemClassifierPropertyTests
{
    private const long Iterations = 20_000;

    private static readonly Gen<CatalogEntry?> GenEntry = Gen.Frequency(
        (1, Gen.Const((CatalogEntry?)null)),
        (9, Gen.Select(
            Gen.OneOf(ItemClass.A, ItemClass.B, ItemClass.C),
            Gen.Int[0, BasisPoints.Whole],
            Gen.Frequency((1, Gen.Const(0L)), (2, Gen.Long[1, 20_000_000_000])),
            Gen.Bool,
            (c, selfPay, cap, restricted) => (CatalogEntry?)TestPolicies.Entry(c, selfPay, cap, restricted))));

    // Up to 10,000 yuan × 1,000 units = 10^9 fen per line.
    private static readonly Gen<FeeLine> GenLine = Gen.Select(
        Gen.Frequency((1, Gen.Const(0L)), (2, Gen.Long[1, 10_000]), (6, Gen.Long[0, 10_000_000_000])),
        Gen.Frequency((1, Gen.Const(0L)), (2, Gen.Long[1, 10_000]), (6, Gen.Long[0, 1_000_000_000])),
        Gen.Bool,
        (price, quantity, approved) => TestPolicies.Line(price, quantity, approved: approved));

    private static long Oracle(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    [Fact]
    public void TryClassify_RandomLine_AmountIdentityAndNonNegative()
    {
        Gen.Select(GenLine, GenEntry).Sample((line, entry) =>
        {
            var ok = ItemClassifier.TryClassify(line, entry, out var result);

            Assert.True(ok);
            SplitAssert.Line(result);
            Assert.Equal(Oracle((decimal)line.PriceMicros * line.QuantityMicros / 10_000_000_000m), result.Amount.Fen);
        }, iter: Iterations);
    }

    [Fact]
    public void TryClassify_RandomLine_PartsMatchDecimalOracle()
    {
        Gen.Select(GenLine, GenEntry).Sample((line, entry) =>
        {
            ItemClassifier.TryClassify(line, entry, out var result);

            var amount = Oracle((decimal)line.PriceMicros * line.QuantityMicros / 10_000_000_000m);
            if (entry is null || entry.Class == ItemClass.C || (entry.Restricted && !line.Approved))
            {
                Assert.Equal(amount, result.FullOwnPay.Fen);
                return;
            }

            var overLimit = entry.PriceCapMicros > 0 && line.PriceMicros > entry.PriceCapMicros
                ? Oracle((decimal)(line.PriceMicros - entry.PriceCapMicros) * line.QuantityMicros / 10_000_000_000m)
                : 0;
            var baseAmount = amount - overLimit;
            var preSelfPay = entry.Class == ItemClass.B ? Oracle((decimal)baseAmount * entry.SelfPayBp / 10_000m) : 0;
            Assert.Equal(0, result.FullOwnPay.Fen);
            Assert.Equal(overLimit, result.OverLimit.Fen);
            Assert.Equal(preSelfPay, result.PreSelfPay.Fen);
            Assert.Equal(baseAmount - preSelfPay, result.InScope.Fen);
        }, iter: Iterations);
    }

    [Fact]
    public void TryClassify_RandomSentAmount_AcceptedOnlyWhenEqual()
    {
        Gen.Select(GenLine, GenEntry, Gen.Long[1, 1_000]).Sample((line, entry, offset) =>
        {
            ItemClassifier.TryClassify(line, entry, out var computed);

            var equal = ItemClassifier.TryClassify(line with { SentAmountFen = computed.Amount.Fen }, entry, out var again);
            var off = ItemClassifier.TryClassify(line with { SentAmountFen = computed.Amount.Fen + offset }, entry, out _);

            Assert.True(equal);
            Assert.Equal(computed, again);
            Assert.False(off);
        }, iter: Iterations);
    }
}
