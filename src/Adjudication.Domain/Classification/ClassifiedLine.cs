using Adjudication.Domain.Catalog;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Classification;

/// <summary>
/// The item-level result of one fee line (DESIGN.md §4.1):
/// <c>Amount = FullOwnPay + OverLimit + PreSelfPay + InScope</c>.
/// </summary>
public readonly record struct ClassifiedLine(
    ItemClass Class,
    Money Amount,
    Money FullOwnPay,
    Money OverLimit,
    Money PreSelfPay,
    Money InScope);
