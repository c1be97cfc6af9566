using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Time;
using Adjudication.Domain.Units;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using System.Globalization;
using System.Runtime.InteropServices;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Persons at their insured city: profiles, credentials, balances, accumulators and filings, with a near cache of
/// snapshots so a warm settle reads nothing from Redis (DESIGN.md §6).
/// </summary>
public sealed class PersonStore : IDisposable
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _clock;
    private readonly NearCache<PersonSnapshot> _cache = new("person");
    private readonly BulkLanes _lanes;

    /// <summary>Creates the store over an open connection.</summary>
    public PersonStore(IConnectionMultiplexer redis, RedisStoreOptions options, TimeProvider clock)
    {
        _db = redis.GetDatabase();
        _lanes = new BulkLanes(redis, _db);
        _keys = new RedisKeys(options.KeyPrefix);
        _clock = clock;
    }

    /// <summary>
    /// The person's snapshot, from the near cache when it is for the current year, else from Redis; null when unknown. A
    /// <see cref="ValueTask{TResult}"/>: a warm settle finds the person without allocating a task (DESIGN.md §6, §10).
    /// </summary>
    public async ValueTask<PersonSnapshot?> GetAsync(string insuplc, string psnNo)
    {
        var year = ChinaTime.Now(_clock).Year;
        var cacheKey = CacheKey(insuplc, psnNo);
        if (_cache.TryGet(cacheKey, out var cached) && cached.Year == year)
        {
            return cached;
        }

        var stateTask = _db.HashGetAllAsync(_keys.State(insuplc, psnNo));
        var filingsTask = _db.HashGetAllAsync(_keys.Filings(insuplc, psnNo));
        var state = (await stateTask.ConfigureAwait(false)).ToDictionary();
        var filingEntries = await filingsTask.ConfigureAwait(false);
        if (!state.TryGetValue("profile", out var profileJson))
        {
            return null;
        }

        var filings = new List<Filing>();
        var filingsVersion = "0";
        foreach (var entry in filingEntries)
        {
            var name = entry.Name.ToString();
            if (name == "_ver")
            {
                filingsVersion = entry.Value.ToString();
            }
            else if (name.StartsWith("f:", StringComparison.Ordinal))
            {
                filings.Add(StoreJson.Deserialize<Filing>(entry.Value.ToString()));
            }
        }

        var snapshot = new PersonSnapshot(
            StoreJson.Deserialize<PersonProfile>(profileJson.ToString()),
            state.TryGetValue("ver", out var ver) ? ver.ToString() : "0",
            new Money(state.TryGetValue("balc", out var balc) ? (long)balc : 0),
            year,
            ReadYear(state, year),
            filingsVersion,
            filings);
        Remember(snapshot);
        return snapshot;
    }

    /// <summary>Puts a snapshot in the near cache (after a commit whose effect is known).</summary>
    public void Remember(PersonSnapshot snapshot) =>
        _cache.Set(CacheKey(snapshot.Profile.InsuplcAdmdvs, snapshot.Profile.PsnNo), snapshot);

    /// <summary>Drops a cached snapshot (after a commit found it stale, or any write whose effect is not computed here).</summary>
    public void Forget(string insuplc, string psnNo) => _cache.Remove(CacheKey(insuplc, psnNo));

    /// <summary>Creates or replaces a person's profile and registers their credentials; sets the balance when given.</summary>
    public async Task PutAsync(PersonProfile profile, Money? balance, IEnumerable<(int CertType, string CertNo)> credentials)
    {
        var stateKey = _keys.State(profile.InsuplcAdmdvs, profile.PsnNo);
        var batch = _db.CreateTransaction();
        var writes = new List<Task>
        {
            batch.HashSetAsync(stateKey, "profile", StoreJson.Serialize(profile)),
            batch.HashIncrementAsync(stateKey, "ver"),
        };
        if (balance is { } b)
        {
            writes.Add(batch.HashSetAsync(stateKey, "balc", b.Fen));
        }

        await batch.ExecuteAsync().ConfigureAwait(false);
        await Task.WhenAll(writes).ConfigureAwait(false);
        Forget(profile.InsuplcAdmdvs, profile.PsnNo);
        await WriteCredentialsAsync(profile, credentials).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored profile exactly as written (the JSON a change compares against) and read, bypassing the near cache;
    /// null when the person is not enrolled.
    /// </summary>
    public async Task<(string Json, PersonProfile Profile)?> ReadProfileAsync(string insuplc, string psnNo)
    {
        var json = await _db.HashGetAsync(_keys.State(insuplc, psnNo), "profile").ConfigureAwait(false);
        return json.IsNull ? null : (json.ToString(), StoreJson.Deserialize<PersonProfile>(json.ToString()));
    }

    /// <summary>
    /// Enrols a person (<paramref name="expectedJson"/> null) or changes their profile from <paramref name="expectedJson"/>
    /// to <paramref name="next"/>, keeping <paramref name="entry"/> in their history, in one script on their slot, then
    /// registers their credentials. Idempotent by msgid: a replay returns the answer stored with the first call. Rows of
    /// a bulk enrolment go through <see cref="EnrolRowsAsync"/>.
    /// </summary>
    public async Task<(WritePersonResult Result, byte[]? Answer)> WriteProfileAsync(
        string? expectedJson,
        PersonProfile next,
        PersonHistoryEntry entry,
        PersonWriteAnswers answers,
        byte[] digest,
        IEnumerable<(int CertType, string CertNo)> credentials)
    {
        var keys = _keys.Of(next.InsuplcAdmdvs, next.PsnNo);
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.WritePerson,
            [keys.State(), keys.History(), keys.Message(entry.Msgid)],
            new ScriptArguments(6).Add(digest).Add(expectedJson ?? string.Empty).Add(StoreJson.Serialize(next)).Add(StoreJson.Serialize(entry))
                .Add(answers.IfWritten).Add(answers.IfUnchanged).ToArray()).ConfigureAwait(false))!;
        Forget(next.InsuplcAdmdvs, next.PsnNo);
        var outcome = ScriptReplies.WritePerson.Decode(result);
        if (outcome is WritePersonResult.Written or WritePersonResult.Unchanged)
        {
            // Unchanged too: writing the same index value again completes an index a crash left half-written.
            await WriteCredentialsAsync(next, credentials).ConfigureAwait(false);
        }

        return outcome switch
        {
            WritePersonResult.Written => (outcome, answers.IfWritten),
            WritePersonResult.Unchanged => (outcome, answers.IfUnchanged),
            WritePersonResult.Replayed => (outcome, (byte[]?)result[1]),
            _ => (outcome, null),
        };
    }

    /// <summary>
    /// Enrols the rows of a bulk enrolment (DESIGN.md §12), all pipelined: each row's profile and history entry in one
    /// script on the person's slot, which keeps no msgid record (a re-run of the file is answered by comparing profiles),
    /// then the credential index of every row enrolled or held unchanged, as <see cref="WriteProfileAsync"/> does. The
    /// results are in the order of <paramref name="rows"/>. Rows may share one history entry instance (an enrolment's
    /// entry depends only on the insurance fields): it is serialized once.
    /// </summary>
    public async Task<EnrolRowResult[]> EnrolRowsAsync(IReadOnlyList<PersonEnrolmentRow> rows)
    {
        var lanes = await _lanes.GetAsync().ConfigureAwait(false);
        var entries = new Dictionary<PersonHistoryEntry, byte[]>(ReferenceEqualityComparer.Instance);
        var replies = await Pipelined.RunAsync(lanes, rows.Count, (batch, i) =>
        {
            var (profile, entry, _) = rows[i];
            if (!entries.TryGetValue(entry, out var entryJson))
            {
                entryJson = StoreJson.SerializeToUtf8(entry);
                entries.Add(entry, entryJson);
            }

            var keys = _keys.Of(profile.InsuplcAdmdvs, profile.PsnNo);
            return batch.EvaluateCommitAsync(Scripts.EnrolPersonRow, [keys.State(), keys.History()], [StoreJson.SerializeToUtf8(profile), entryJson]);
        }).ConfigureAwait(false);
        var results = new EnrolRowResult[replies.Length];
        var index = new List<(RedisKey Key, string Value)>(replies.Length);
        for (var i = 0; i < replies.Length; i++)
        {
            results[i] = ScriptReplies.EnrolPersonRow.Decode((RedisResult[])replies[i]!);
            if (results[i] is EnrolRowResult.Enrolled or EnrolRowResult.Unchanged)
            {
                // Unchanged too: writing the same index value again completes an index a crash left half-written.
                var profile = rows[i].Profile;
                var value = string.Concat(profile.InsuplcAdmdvs, "|", profile.PsnNo);
                foreach (var (certType, certNo) in rows[i].Credentials)
                {
                    index.Add((_keys.Credential(certType, certNo), value));
                }
            }
        }

        await Pipelined.RunAsync(lanes, index.Count, (batch, i) => batch.StringSetAsync(index[i].Key, index[i].Value, when: When.NotExists)).ConfigureAwait(false);
        return results;
    }

    /// <summary>Every change of the person's profile, oldest first.</summary>
    public async Task<IReadOnlyList<PersonHistoryEntry>> GetHistoryAsync(string insuplc, string psnNo)
    {
        var entries = await _db.ListRangeAsync(_keys.Of(insuplc, psnNo).History()).ConfigureAwait(false);
        return [.. entries.Select(e => StoreJson.Deserialize<PersonHistoryEntry>(e.ToString()))];
    }

    /// <summary>
    /// Moves the personal account by <paramref name="row"/>'s amount (a credit, or an adjustment up or down, never below
    /// zero) and appends the row with the balance after it to the journal, in one script on the person's slot.
    /// Idempotent by msgid: a replay returns the row the first call wrote. The balance after comes back on a refusal
    /// for going negative.
    /// </summary>
    public async Task<(MoveBalanceResult Result, AccountJournalRow? Row, Money Balance)> MoveBalanceAsync(string insuplc, string psnNo, AccountJournalRow row, byte[] digest)
    {
        // The script appends the balance it computes; the row's JSON ends with the balance, which is cut off here.
        var json = StoreJson.Serialize(row with { BalcFen = 0 });
        const string BalanceTail = ",\"balcFen\":0}";
        if (!json.EndsWith(BalanceTail, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("an account journal row must serialize with its balance last");
        }

        var keys = _keys.Of(insuplc, psnNo);
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.MoveBalance,
            [keys.State(), keys.Journal(), keys.Message(row.Msgid)],
            new ScriptArguments(3).Add(digest).Add(row.AmountFen).Add(json[..^BalanceTail.Length]).ToArray()).ConfigureAwait(false))!;
        Forget(insuplc, psnNo);
        var outcome = ScriptReplies.MoveBalance.Decode(result);
        return outcome switch
        {
            MoveBalanceResult.Moved or MoveBalanceResult.Replayed => (outcome, StoreJson.Deserialize<AccountJournalRow>(result[1].ToString()), default),
            MoveBalanceResult.WouldGoNegative => (outcome, null, new Money((long)result[1])),
            _ => (outcome, null, default),
        };
    }

    /// <summary>Every movement of the personal account made through its agency, oldest first.</summary>
    public async Task<IReadOnlyList<AccountJournalRow>> GetJournalAsync(string insuplc, string psnNo)
    {
        var rows = await _db.ListRangeAsync(_keys.Of(insuplc, psnNo).Journal()).ConfigureAwait(false);
        return [.. rows.Select(r => StoreJson.Deserialize<AccountJournalRow>(r.ToString()))];
    }

    // The credential index lives in other hash slots (one key per credential), so it cannot join the person's
    // transaction on Redis Cluster (DESIGN.md §6). It is written after the person, each key idempotently (the same
    // value every time): a crash in between leaves a person not yet findable by that credential, and writing the
    // person again completes it; an index never names a person that was not written. An index already naming someone
    // is never repointed (the desk refuses such a row first; two racing rows leave it with the first).
    private async Task WriteCredentialsAsync(PersonProfile profile, IEnumerable<(int CertType, string CertNo)> credentials)
    {
        var index = string.Concat(profile.InsuplcAdmdvs, "|", profile.PsnNo);
        var credentialWrites = new List<Task>();
        foreach (var (certType, certNo) in credentials)
        {
            credentialWrites.Add(_db.StringSetAsync(_keys.Credential(certType, certNo), index, when: When.NotExists));
        }

        await Task.WhenAll(credentialWrites).ConfigureAwait(false);
    }

    /// <summary>
    /// The persons <paramref name="credentials"/> belong to, in their order (null where unknown), read together: one
    /// pipelined GET per credential, each on its own slot.
    /// </summary>
    public async Task<(string Insuplc, string PsnNo)?[]> FindByCredentialsAsync(IReadOnlyList<(int CertType, string CertNo)> credentials)
    {
        var lanes = await _lanes.GetAsync().ConfigureAwait(false);
        var values = await Pipelined.RunAsync(lanes, credentials.Count, (batch, i) => batch.StringGetAsync(_keys.Credential(credentials[i].CertType, credentials[i].CertNo))).ConfigureAwait(false);
        var holders = new (string Insuplc, string PsnNo)?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            holders[i] = Holder(values[i]);
        }

        return holders;
    }

    /// <summary>The person a credential belongs to, as (insured division, psn_no); null when unknown.</summary>
    public async Task<(string Insuplc, string PsnNo)?> FindByCredentialAsync(int certType, string certNo)
    {
        var value = await _db.StringGetAsync(_keys.Credential(certType, certNo)).ConfigureAwait(false);
        return Holder(value);
    }

    // An index value is "insuplc|psn_no".
    private static (string Insuplc, string PsnNo)? Holder(RedisValue value)
    {
        if (value.IsNull)
        {
            return null;
        }

        var text = value.ToString();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return (text[..bar], text[(bar + 1)..]);
    }

    // Every "<year>:<accumulator>" field of this year, whatever fund layers the policy has (DESIGN.md §4.3): the store
    // knows accumulators by name only, so a new layer needs no code here.
    private static YearAccumulators ReadYear(Dictionary<RedisValue, RedisValue> state, int year)
    {
        var prefix = year.ToString(CultureInfo.InvariantCulture) + ":";
        var values = new List<AccumulatorValue>();
        foreach (var (field, value) in state)
        {
            var name = field.ToString();
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                values.Add(new AccumulatorValue(new AccumulatorId(name[prefix.Length..]), new Money((long)value)));
            }
        }

        return YearAccumulators.Of(CollectionsMarshal.AsSpan(values));
    }

    private static string CacheKey(string insuplc, string psnNo) => string.Concat(Domain.Divisions.Admdvs.CityOf(insuplc), ":", psnNo);

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        _lanes.Dispose();
    }
}
