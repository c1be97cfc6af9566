using Adjudication.Domain.Classification;
using Adjudication.Domain.Units;
using Adjudication.Domain.Visits;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Visits and fee lines at the treatment node. Keys share the person's hash tag so that, for a local visit, the
/// settle script commits the person's accumulators and the visit's status together.
/// </summary>
public sealed class VisitStore : IDisposable
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly NearCache<VisitSnapshot> _cache = new("visit");

    /// <summary>Creates the store over an open connection.</summary>
    public VisitStore(IConnectionMultiplexer redis, RedisStoreOptions options)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
    }

    /// <summary>A new visit id: the treatment city, then a counter of that city's node.</summary>
    public async Task<string> NextVisitIdAsync(string treatmentCity)
    {
        var n = await _db.StringIncrementAsync(_keys.VisitSequence(treatmentCity)).ConfigureAwait(false);
        return $"{treatmentCity}{n:D12}";
    }

    /// <summary>Opens a visit once per msgid; returns the visit id (the first one on a replay).</summary>
    public async Task<(WriteOutcome Outcome, string MdtrtId)> RegisterAsync(Visit visit, string msgid, byte[] digest)
    {
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.RegisterVisit,
            [_keys.Message(visit.InsuplcAdmdvs, visit.PsnNo, msgid), _keys.Visit(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId)],
            [digest, visit.MdtrtId, StoreJson.Serialize(visit)]).ConfigureAwait(false))!;
        return result[0].ToString() switch
        {
            "ok" => (WriteOutcome.Written, visit.MdtrtId),
            "replay" => (WriteOutcome.Replayed, result[1].ToString()),
            _ => (WriteOutcome.MsgidConflict, string.Empty),
        };
    }

    /// <summary>
    /// Adds fee lines to <paramref name="visit"/> idempotently per feedetl_sn; the conflicting sn is returned on a
    /// conflict. The near cache then holds the visit with its new totals, so the settle that follows reads no Redis
    /// before its commit (DESIGN.md §6: one round trip).
    /// </summary>
    public async Task<(WriteOutcome Outcome, string ConflictingSn)> UploadFeesAsync(VisitSnapshot visit, IReadOnlyList<FeeLineWrite> lines)
    {
        var (insuplc, psnNo, mdtrtId) = (visit.Visit.InsuplcAdmdvs, visit.Visit.PsnNo, visit.Visit.MdtrtId);
        var args = new RedisValue[6 + (lines.Count * 8)];
        var totals = default(ItemTotals);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            totals = totals.Add(line.Amounts);
            var b = 6 + (i * 8);
            args[b] = line.FeedetlSn;
            args[b + 1] = line.InputDigest;
            args[b + 2] = line.Result;
            args[b + 3] = line.Amounts.Amount.Fen;
            args[b + 4] = line.Amounts.FullOwnPay.Fen;
            args[b + 5] = line.Amounts.OverLimit.Fen;
            args[b + 6] = line.Amounts.PreSelfPay.Fen;
            args[b + 7] = line.Amounts.InScope.Fen;
        }

        (args[0], args[1], args[2], args[3], args[4], args[5]) = (lines.Count, totals.MedFeeSum.Fen, totals.FullOwnPay.Fen, totals.OverLimit.Fen, totals.PreSelfPay.Fen, totals.InScope.Fen);

        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.UploadFees, [_keys.Visit(insuplc, psnNo, mdtrtId), _keys.Fees(insuplc, psnNo, mdtrtId)], args).ConfigureAwait(false))!;
        if (result[0].ToString() == "ok")
        {
            Remember(visit with
            {
                Version = result[1].ToString(),
                Totals = new ItemTotals(new Money((long)result[2]), new Money((long)result[3]), new Money((long)result[4]), new Money((long)result[5]), new Money((long)result[6])),
                LineCount = (int)result[7],
            });
            return (WriteOutcome.Written, string.Empty);
        }

        Forget(insuplc, psnNo, mdtrtId);
        return result[0].ToString() switch
        {
            "novisit" => (WriteOutcome.VisitNotFound, string.Empty),
            "notopen" => (WriteOutcome.VisitNotOpen, string.Empty),
            _ => (WriteOutcome.FeeLineConflict, result[1].ToString()),
        };
    }

    /// <summary>The visit's snapshot from the near cache or Redis; null when unknown.</summary>
    public async Task<VisitSnapshot?> GetAsync(string insuplc, string psnNo, string mdtrtId)
    {
        if (_cache.TryGet(CacheKey(insuplc, psnNo, mdtrtId), out var cached))
        {
            return cached;
        }

        var head = (await _db.HashGetAllAsync(_keys.Visit(insuplc, psnNo, mdtrtId)).ConfigureAwait(false)).ToDictionary();
        if (!head.TryGetValue("visit", out var json))
        {
            return null;
        }

        var snapshot = new VisitSnapshot(
            StoreJson.Deserialize<Visit>(json.ToString()),
            head["status"] == "open" ? VisitStatus.Open : VisitStatus.Settled,
            head["ver"].ToString(),
            head.TryGetValue("setl_id", out var setl) ? setl.ToString() : string.Empty,
            new ItemTotals(Fen(head, "t_sum"), Fen(head, "t_fulamt"), Fen(head, "t_overlmt"), Fen(head, "t_preself"), Fen(head, "t_inscp")),
            head.TryGetValue("t_lines", out var count) ? (int)count : 0);
        Remember(snapshot);
        return snapshot;
    }

    /// <summary>
    /// Records at the treatment city that the insured city settled the visit (the hospital-side settlement record,
    /// DESIGN.md §3). Repeating it with the same settlement changes nothing.
    /// </summary>
    public async Task RecordSettledAsync(Visit visit, string setlId, string msgid, byte[] responseBody)
    {
        // One script, one round trip: a conditional transaction would cost two and twice the commands.
        await _db.EvaluateCommitAsync(
            Scripts.RecordSettled,
            [_keys.Visit(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId), _keys.Settlement(visit.InsuplcAdmdvs, visit.PsnNo, setlId)],
            [setlId, visit.MdtrtId, msgid, responseBody]).ConfigureAwait(false);
        Forget(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId);
    }

    /// <summary>
    /// Records at the treatment city that the insured city cancelled or reversed settlement <paramref name="setlId"/>:
    /// the visit reopens if that settlement is still its current one.
    /// </summary>
    public async Task RecordReopenedAsync(string insuplc, string psnNo, string mdtrtId, string setlId)
    {
        var key = _keys.Visit(insuplc, psnNo, mdtrtId);
        var batch = _db.CreateTransaction();
        batch.AddCondition(Condition.HashEqual(key, "setl_id", setlId));
        _ = batch.HashSetAsync(key, [new("status", "open"), new("setl_id", string.Empty)]);
        _ = batch.HashIncrementAsync(key, "ver");
        _ = batch.HashSetAsync(_keys.Settlement(insuplc, psnNo, setlId), "status", "cancelled");
        await batch.ExecuteAsync().ConfigureAwait(false);
        Forget(insuplc, psnNo, mdtrtId);
    }

    /// <summary>Records the discharge time of an inpatient visit, once per msgid.</summary>
    public async Task<WriteOutcome> DischargeAsync(Visit visit, string msgid, byte[] digest)
    {
        var key = _keys.Visit(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId);
        var messageKey = _keys.Message(visit.InsuplcAdmdvs, visit.PsnNo, msgid);
        var batch = _db.CreateTransaction();
        batch.AddCondition(Condition.HashExists(key, "visit"));
        batch.AddCondition(Condition.KeyNotExists(messageKey));
        _ = batch.HashSetAsync(key, "visit", StoreJson.Serialize(visit));
        _ = batch.HashIncrementAsync(key, "ver");
        _ = batch.HashSetAsync(messageKey, [new("digest", digest), new("op", "discharge")]);
        var done = await batch.ExecuteAsync().ConfigureAwait(false);
        Forget(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId);
        if (done)
        {
            return WriteOutcome.Written;
        }

        var stored = await _db.HashGetAsync(messageKey, "digest").ConfigureAwait(false);
        return stored.IsNull ? WriteOutcome.VisitNotFound
            : ((byte[])stored!).AsSpan().SequenceEqual(digest) ? WriteOutcome.Replayed
            : WriteOutcome.MsgidConflict;
    }

    /// <summary>Puts a snapshot in the near cache.</summary>
    public void Remember(VisitSnapshot snapshot) =>
        _cache.Set(CacheKey(snapshot.Visit.InsuplcAdmdvs, snapshot.Visit.PsnNo, snapshot.Visit.MdtrtId), snapshot);

    /// <summary>Drops a cached snapshot.</summary>
    public void Forget(string insuplc, string psnNo, string mdtrtId) => _cache.Remove(CacheKey(insuplc, psnNo, mdtrtId));

    // The cache key names the person as well: a request naming another person must not find this visit.
    private static string CacheKey(string insuplc, string psnNo, string mdtrtId) =>
        string.Concat(Domain.Divisions.Admdvs.CityOf(insuplc), ":", psnNo, ":", mdtrtId);

    private static Money Fen(Dictionary<RedisValue, RedisValue> head, string field) =>
        new(head.TryGetValue(field, out var v) ? (long)v : 0);

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
