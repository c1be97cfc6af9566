namespace Adjudication.Domain.Classification;

/// <summary>
/// One billed line as the terminal sent it: price and quantity in micros, the amount it computed in fen
/// (0 = not sent), the fee date and the hospital's approval for restricted items.
/// </summary>
public readonly record struct FeeLine(
    string FeedetlSn,
    string Code,
    long PriceMicros,
    long QuantityMicros,
    long SentAmountFen,
    DateOnly FeeDate,
    bool Approved);
