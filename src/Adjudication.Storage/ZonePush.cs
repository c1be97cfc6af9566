using System.Globalization;
using Adjudication.Domain.Policy;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Outbox;

namespace Adjudication.Storage;

/// <summary>
/// A zone version owed to one city of the publishing province, as an outbox entry (DESIGN.md §5, §6): written by the
/// script that publishes the version, deleted once the city took it, so a city that was down gets it without the zone
/// being published again. The id is "city:version:name" (a zone's name may hold ':'); the payload is the zone's JSON.
/// </summary>
public static class ZonePush
{
    /// <summary>The outbox kind of zone pushes (publish_zone.lua writes the same field as <see cref="Entry"/>).</summary>
    public const string Kind = "zone";

    /// <summary>The entry owing <paramref name="zone"/> (with its version) to <paramref name="city"/>.</summary>
    public static OutboxEntry Entry(string city, IntegrationZone zone) =>
        new(Kind, string.Create(CultureInfo.InvariantCulture, $"{city}:{zone.Version}:{zone.Name}"), StoreJson.Serialize(zone with { Version = 0 }));

    /// <summary>The city an entry of <see cref="Kind"/> is owed to, and the zone version it owes.</summary>
    public static (string City, IntegrationZone Zone) Read(OutboxEntry entry)
    {
        var parts = entry.Id.Split(':', 3);
        return parts.Length == 3 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (parts[0], StoreJson.Deserialize<IntegrationZone>(entry.Payload) with { Version = version })
            : throw new InvalidDataException($"outbox entry '{entry.Field}' does not name a city, a version and a zone");
    }
}
