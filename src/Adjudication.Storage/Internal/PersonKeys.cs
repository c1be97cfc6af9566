using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// The keys of one person, built from their hash-tagged prefix once: a settle names five of them, and building the
/// prefix for each would cost a string apiece (DESIGN.md §6: one hash tag per person; §10: bytes per settle).
/// </summary>
internal readonly struct PersonKeys(string prefix)
{
    /// <summary>The hash-tagged prefix every key of the person starts with.</summary>
    public string Prefix => prefix;

    /// <summary>The person's hash: profile, account balance, yearly accumulators and a version.</summary>
    public RedisKey State() => string.Concat(prefix, ":state");

    /// <summary>The idempotency record of one msgid.</summary>
    public RedisKey Message(string msgid) => string.Concat(prefix, ":msg:", msgid);

    /// <summary>The person-side settlement record.</summary>
    public RedisKey Settlement(string setlId) => string.Concat(prefix, ":setl:", setlId);

    /// <summary>A visit's header, status, totals and version.</summary>
    public RedisKey Visit(string mdtrtId) => string.Concat(prefix, ":visit:", mdtrtId);

    /// <summary>The current version of each of the person's filings.</summary>
    public RedisKey Filings() => string.Concat(prefix, ":filings");

    /// <summary>Every change of the person's profile, oldest first; never trimmed (DESIGN.md §12).</summary>
    public RedisKey History() => string.Concat(prefix, ":history");

    /// <summary>Every movement of the personal account made by its agency, oldest first; never trimmed (DESIGN.md §12).</summary>
    public RedisKey Journal() => string.Concat(prefix, ":journal");
}
