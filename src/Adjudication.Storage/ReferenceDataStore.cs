using System.Collections.Concurrent;
using Adjudication.Domain.Institutions;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Designated institutions, served from memory (policies: <see cref="PolicyStore"/>, zones: <see cref="ZoneStore"/>). A write announces itself on a channel so every node
/// instance drops its copy (DESIGN.md §6 "near cache invalidated by version").
/// </summary>
public sealed class ReferenceDataStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly ConcurrentDictionary<string, Institution?> _institutions = new(StringComparer.Ordinal);

    // Moves at every invalidation: a load that began before one is not cached, so a suspension written through the
    // API is never hidden by a read that raced it (as in PolicyStore).
    private int _generation;

    /// <summary>Creates the store and subscribes to invalidations.</summary>
    public ReferenceDataStore(IConnectionMultiplexer redis, RedisStoreOptions options)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        Invalidations.Subscribe(redis, _keys.Invalidations, key => Forget(key.ToString()));
    }

    /// <summary>A designated institution, or null when unknown.</summary>
    public async ValueTask<Institution?> GetInstitutionAsync(string code)
    {
        var key = _keys.Institution(code).ToString();
        if (_institutions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var json = await _db.StringGetAsync(key).ConfigureAwait(false);
        var institution = json.IsNull ? null : StoreJson.Deserialize<Institution>(json.ToString());
        if (generation == Volatile.Read(ref _generation))
        {
            _institutions[key] = institution;
        }

        return institution;
    }

    /// <summary>
    /// The stored institution exactly as written (the JSON a change compares against) and read, bypassing the memory
    /// copy; null when the code is not registered.
    /// </summary>
    public async Task<(string Json, Institution Institution)?> ReadInstitutionAsync(string code)
    {
        var json = await _db.StringGetAsync(_keys.Institution(code)).ConfigureAwait(false);
        return json.IsNull ? null : (json.ToString(), StoreJson.Deserialize<Institution>(json.ToString()));
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the stored record is still <paramref name="expectedJson"/> (null: none yet),
    /// recording the msgid with it in one script on the institution's slot, and tells every instance to reload it.
    /// Idempotent by msgid: a replay returns the record the first call wrote (DESIGN.md §12).
    /// </summary>
    public async Task<(WriteInstitutionResult Result, Institution? Stored)> WriteInstitutionAsync(string? expectedJson, Institution next, string msgid, byte[] digest)
    {
        var key = _keys.Institution(next.FixmedinsCode);
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.WriteInstitution,
            [key, _keys.InstitutionMessage(next.FixmedinsCode, msgid)],
            new ScriptArguments(3).Add(digest).Add(expectedJson ?? string.Empty).Add(StoreJson.Serialize(next)).ToArray()).ConfigureAwait(false))!;
        var outcome = ScriptReplies.WriteInstitution.Decode(result);
        if (outcome == WriteInstitutionResult.Written)
        {
            await AnnounceAsync(key.ToString()).ConfigureAwait(false);
        }

        return outcome switch
        {
            WriteInstitutionResult.Written or WriteInstitutionResult.Unchanged => (outcome, next),
            WriteInstitutionResult.Replayed => (outcome, StoreJson.Deserialize<Institution>(result[1].ToString())),
            _ => (outcome, null),
        };
    }

    private async Task AnnounceAsync(string key)
    {
        Forget(key);
        await _db.PublishAsync(_keys.Invalidations, key).ConfigureAwait(false);
    }

    private void Forget(string key)
    {
        Interlocked.Increment(ref _generation);
        _institutions.TryRemove(key, out _);
    }
}
