using Adjudication.Domain.Divisions;
using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// Every key the store uses. A person's keys share the hash tag <c>{city:psn_no}</c> so each script touches one
/// slot and runs unchanged on Redis Cluster (DESIGN.md §6); reference data lives outside any person's slot.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    private string?[]? _outboxes;

    /// <summary>The keys of one person, for a caller that names several of them.</summary>
    public PersonKeys Of(string insuplc, string psnNo) => new(Person(insuplc, psnNo));

    /// <summary>The person's hash: profile, account balance, yearly accumulators and a version.</summary>
    public RedisKey State(string insuplc, string psnNo) => Of(insuplc, psnNo).State();

    /// <summary>The idempotency record of one msgid.</summary>
    public RedisKey Message(string insuplc, string psnNo, string msgid) => Of(insuplc, psnNo).Message(msgid);

    /// <summary>The person-side settlement record.</summary>
    public RedisKey Settlement(string insuplc, string psnNo, string setlId) => Of(insuplc, psnNo).Settlement(setlId);

    /// <summary>A visit's header, status, totals and version.</summary>
    public RedisKey Visit(string insuplc, string psnNo, string mdtrtId) => Of(insuplc, psnNo).Visit(mdtrtId);

    /// <summary>A visit's fee lines: input digests and classified results by feedetl_sn.</summary>
    public RedisKey Fees(string insuplc, string psnNo, string mdtrtId) => $"{Person(insuplc, psnNo)}:fees:{mdtrtId}";

    /// <summary>The current version of each of the person's filings.</summary>
    public RedisKey Filings(string insuplc, string psnNo) => Of(insuplc, psnNo).Filings();

    /// <summary>Every version of the person's filings, oldest first; never trimmed.</summary>
    public RedisKey FilingHistory(string insuplc, string psnNo) => $"{Person(insuplc, psnNo)}:filing-history";

    /// <summary>Copies of the person's filings held away from the insured city: current version per filing id.</summary>
    public RedisKey FilingCache(string insuplc, string psnNo) => $"{Person(insuplc, psnNo)}:filing-cache";

    /// <summary>Brief "no filing covering this destination" answers: destination → expiry (unix ms).</summary>
    public RedisKey FilingCacheNone(string insuplc, string psnNo) => $"{Person(insuplc, psnNo)}:filing-cache-none";

    /// <summary>The outbox of the person's slot, which their scripts write effects on other slots into (DESIGN.md §6).</summary>
    public RedisKey Outbox(string insuplc, string psnNo) => Outbox(Of(insuplc, psnNo));

    /// <summary>The outbox of the slot of <paramref name="person"/>'s keys, from the prefix they were built with (no second one on the settle path).</summary>
    public RedisKey Outbox(PersonKeys person) => OutboxAt(HashSlots.Of(person.Prefix));

    /// <summary>The outbox of key slot <paramref name="slot"/>: a hash of entries, field "kind:id".</summary>
    public RedisKey OutboxAt(int slot)
    {
        // Built once per slot: a settle names its slot's outbox, and a new string each time would cost bytes per settle.
        _outboxes ??= new string?[HashSlots.Count];
        return _outboxes[slot] ??= $"{prefix}:outbox:{{{HashSlots.TagOf(slot)}}}";
    }

    /// <summary>Credential → person, for 1101 lookups.</summary>
    public RedisKey Credential(int certType, string certNo) => $"{prefix}:cert:{certType}:{certNo}";

    /// <summary>Every version of the policy of one city and insurance type: version → policy JSON (DESIGN.md §12).</summary>
    public RedisKey PolicyVersions(string admdvs, int insutype) => $"{prefix}:{{policy:{admdvs}:{insutype}}}:versions";

    /// <summary>The msgids that published those versions, in the same slot: msgid → digest, msgid:v → version.</summary>
    public RedisKey PolicyMessages(string admdvs, int insutype) => $"{prefix}:{{policy:{admdvs}:{insutype}}}:msgids";

    /// <summary>The integration zones this node holds: name → zone JSON (DESIGN.md §5).</summary>
    public RedisKey ZoneDefinitions => $"{prefix}:{{zones}}:definitions";

    /// <summary>The version of each zone held, in the same slot: name → version.</summary>
    public RedisKey ZoneVersions => $"{prefix}:{{zones}}:versions";

    /// <summary>The msgids that published zones here (at a province), in the same slot.</summary>
    public RedisKey ZoneMessages => $"{prefix}:{{zones}}:msgids";

    /// <summary>
    /// A designated institution. Its keys share the hash tag <c>{code}</c>, so its record and the idempotency records of
    /// the agency's calls about it change in one script on one slot (DESIGN.md §6).
    /// </summary>
    public RedisKey Institution(string code) => $"{prefix}:institution:{{{code}}}";

    /// <summary>The idempotency record of one msgid of an agency's call about an institution.</summary>
    public RedisKey InstitutionMessage(string code, string msgid) => $"{prefix}:institution:{{{code}}}:msg:{msgid}";

    /// <summary>Index of a region's catalog versions: version → effective date.</summary>
    public RedisKey CatalogIndex(string admdvs) => $"{prefix}:catalog:{admdvs}:versions";

    /// <summary>The entries of one catalog version.</summary>
    public RedisKey CatalogVersion(string admdvs, string version) => $"{prefix}:catalog:{admdvs}:v:{version}";

    /// <summary>Counter behind visit ids.</summary>
    public RedisKey VisitSequence(string admdvs) => $"{prefix}:seq:mdtrt:{admdvs}";

    /// <summary>Counter behind filing ids.</summary>
    public RedisKey FilingSequence(string admdvs) => $"{prefix}:seq:filing:{admdvs}";

    /// <summary>Claimed once (SET NX) by the first loader of initial data into this prefix; never reset by the node.</summary>
    public RedisKey SeedMarker => $"{prefix}:seeded";

    /// <summary>A SCAN pattern matching every key of this prefix (glob characters in the prefix escaped).</summary>
    public RedisValue AnyKeyPattern
    {
        get
        {
            var escaped = new System.Text.StringBuilder(prefix.Length + 2);
            foreach (var c in prefix)
            {
                if (c is '*' or '?' or '[' or ']' or '\\')
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.Append(":*").ToString();
        }
    }

    /// <summary>Channel on which reference-data changes are announced so near caches drop stale entries.</summary>
    public RedisChannel Invalidations => RedisChannel.Literal($"{prefix}:invalidate");

    private string Person(string insuplc, string psnNo) => $"{prefix}:{{{Admdvs.CityOf(insuplc)}:{psnNo}}}";
}
