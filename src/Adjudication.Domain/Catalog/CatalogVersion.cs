using System.Collections.Frozen;

namespace Adjudication.Domain.Catalog;

/// <summary>An immutable catalog version: entries by national code, in force from <see cref="EffectiveDate"/>.</summary>
public sealed class CatalogVersion
{
    private readonly FrozenDictionary<string, CatalogEntry> _entries;

    /// <summary>Freezes the entries into a read-optimised map; duplicate codes are rejected by the caller's validation.</summary>
    public CatalogVersion(string version, DateOnly effectiveDate, IEnumerable<CatalogEntry> entries)
    {
        Version = version;
        EffectiveDate = effectiveDate;
        _entries = entries.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);
    }

    /// <summary>The version id, e.g. "2026.11".</summary>
    public string Version { get; }

    /// <summary>Fee dates on or after this day use this version until a later one takes effect.</summary>
    public DateOnly EffectiveDate { get; }

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Every entry, in no particular order.</summary>
    public IEnumerable<CatalogEntry> Entries => _entries.Values;

    /// <summary>Finds an entry by national code.</summary>
    public bool TryFind(string code, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out CatalogEntry entry) =>
        _entries.TryGetValue(code, out entry);
}
