using Adjudication.Domain.Catalog;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Classification;

/// <summary>Item-level classification against the treatment region's catalog (DESIGN.md §4.1, 就医地目录).</summary>
public static class ItemClassifier
{
    /// <summary>
    /// Classifies one line. Returns false when the terminal sent an amount that differs from
    /// <c>round(unit_price × quantity)</c>; the caller rejects the line with FEE_AMOUNT_MISMATCH.
    /// </summary>
    /// <param name="line">The line as sent; price and quantity must already be validated as non-negative.</param>
    /// <param name="entry">The catalog entry in force on the fee date, or null for an unknown code.</param>
    /// <param name="result">The classified amounts.</param>
    public static bool TryClassify(in FeeLine line, CatalogEntry? entry, out ClassifiedLine result)
    {
        var amount = Money.FromPriceTimesQuantity(line.PriceMicros, line.QuantityMicros);
        if (line.SentAmountFen != 0 && line.SentAmountFen != amount.Fen)
        {
            result = default;
            return false;
        }

        if (entry is null || entry.Class == ItemClass.C || (entry.Restricted && !line.Approved))
        {
            result = new ClassifiedLine(entry?.Class ?? ItemClass.Unknown, amount, amount, Money.Zero, Money.Zero, Money.Zero);
            return true;
        }

        var overLimit = entry.PriceCapMicros > 0 && line.PriceMicros > entry.PriceCapMicros
            ? Money.FromPriceTimesQuantity(line.PriceMicros - entry.PriceCapMicros, line.QuantityMicros)
            : Money.Zero;
        var baseAmount = amount - overLimit;
        var preSelfPay = entry.Class == ItemClass.B ? baseAmount.ApplyRatio(entry.SelfPayBp) : Money.Zero;
        result = new ClassifiedLine(entry.Class, amount, Money.Zero, overLimit, preSelfPay, baseAmount - preSelfPay);
        return true;
    }
}
