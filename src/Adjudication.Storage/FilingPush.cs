using Adjudication.Domain.Eligibility;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Outbox;

namespace Adjudication.Storage;

/// <summary>
/// A filing version owed to its destination, as an outbox entry (DESIGN.md §3, §6): written with the version, deleted
/// once a push got through, so a push that failed is retried, across node restarts too.
/// </summary>
public static class FilingPush
{
    /// <summary>The outbox kind of filing pushes.</summary>
    public const string Kind = "push";

    /// <summary>The entry owing the push of <paramref name="filing"/>: one per filing version.</summary>
    public static OutboxEntry Entry(Filing filing) =>
        new(Kind, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{filing.FilingId}:{filing.Version}"), StoreJson.Serialize(filing));

    /// <summary>The filing version an entry of <see cref="Kind"/> owes.</summary>
    public static Filing Read(OutboxEntry entry) => StoreJson.Deserialize<Filing>(entry.Payload);
}
