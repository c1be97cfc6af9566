namespace Adjudication.Domain.Catalog;

/// <summary>
/// One catalog item (DESIGN.md §4.1): its class, the class-B pre-self-pay share, an optional price cap
/// in micros of a yuan (0 = none) and whether it is restricted to approved use.
/// </summary>
public sealed record CatalogEntry(string Code, string Name, ItemClass Class, int SelfPayBp, long PriceCapMicros, bool Restricted);
