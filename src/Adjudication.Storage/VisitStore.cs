using Adjudication.Domain.Classification;
using Adjudication.Domain.Units;
using Adjudication.Domain.Visits;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Outbox;
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
    public async Task<(RegisterVisitResult Result, string MdtrtId)> RegisterAsync(Visit visit, string msgid, byte[] digest)
    {
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.RegisterVisit,
            [_keys.Message(visit.InsuplcAdmdvs, visit.PsnNo, msgid), _keys.Visit(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId)],
            new ScriptArguments(3).Add(digest).Add(visit.MdtrtId).Add(StoreJson.Serialize(visit)).ToArray()).ConfigureAwait(false))!;
        var result = ScriptReplies.RegisterVisit.Decode(reply);
        return result switch
        {
            RegisterVisitResult.Registered => (result, visit.MdtrtId),
            RegisterVisitResult.Replayed => (result, reply[1].ToString()),
            _ => (result, string.Empty),
        };
    }

    /// <summary>
    /// Adds fee lines to <paramref name="visit"/> idempotently per feedetl_sn; the conflicting sn is returned on a
    /// conflict. The near cache then holds the visit with its new totals, so the settle that follows reads no Redis
    /// before its commit (DESIGN.md §6: one round trip).
    /// </summary>
    public async Task<(UploadFeesResult Result, string ConflictingSn)> UploadFeesAsync(VisitSnapshot visit, IReadOnlyList<FeeLineWrite> lines)
    {
        var (insuplc, psnNo, mdtrtId) = (visit.Visit.InsuplcAdmdvs, visit.Visit.PsnNo, visit.Visit.MdtrtId);
        var totals = default(ItemTotals);
        for (var i = 0; i < lines.Count; i++)
        {
            totals = totals.Add(lines[i].Amounts);
        }

        // upload_fees.lua's ARGV: the line count, the totals of all lines, then 8 values per line.
        var args = new ScriptArguments(6 + (lines.Count * 8))
            .Add(lines.Count).Add(totals.MedFeeSum.Fen).Add(totals.FullOwnPay.Fen).Add(totals.OverLimit.Fen).Add(totals.PreSelfPay.Fen).Add(totals.InScope.Fen);
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, amounts) = (lines[i], lines[i].Amounts);
            args.Add(line.FeedetlSn).Add(line.InputDigest).Add(line.Result).Add(amounts.Amount.Fen).Add(amounts.FullOwnPay.Fen)
                .Add(amounts.OverLimit.Fen).Add(amounts.PreSelfPay.Fen).Add(amounts.InScope.Fen);
        }

        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.UploadFees, [_keys.Visit(insuplc, psnNo, mdtrtId), _keys.Fees(insuplc, psnNo, mdtrtId)], args.ToArray()).ConfigureAwait(false))!;
        var outcome = ScriptReplies.UploadFees.Decode(result);
        if (outcome == UploadFeesResult.Added)
        {
            Remember(visit with
            {
                Version = result[1].ToString(),
                Totals = new ItemTotals(new Money((long)result[2]), new Money((long)result[3]), new Money((long)result[4]), new Money((long)result[5]), new Money((long)result[6])),
                LineCount = (int)result[7],
            });
            return (outcome, string.Empty);
        }

        Forget(insuplc, psnNo, mdtrtId);
        return (outcome, outcome == UploadFeesResult.FeeLineConflict ? result[1].ToString() : string.Empty);
    }

    /// <summary>The visit's snapshot from the near cache or Redis; null when unknown. A cached visit costs no task allocation.</summary>
    public async ValueTask<VisitSnapshot?> GetAsync(string insuplc, string psnNo, string mdtrtId)
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
    /// Records at the treatment city that the insured city settled <paramref name="visit"/>: the hospital-side record,
    /// the visit's status and the settlement's ledger row in the outbox, in one script (DESIGN.md §3, §11). A settlement
    /// recorded before, even if cancelled since, changes nothing.
    /// </summary>
    public async Task<RecordSettledResult> RecordSettledAsync(Visit visit, string setlId, string msgid, ReadOnlyMemory<byte> responseBody, OutboxEntry booking)
    {
        // One script, one round trip: a conditional transaction would cost two and twice the commands.
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.RecordSettled,
            [_keys.Visit(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId), _keys.Settlement(visit.InsuplcAdmdvs, visit.PsnNo, setlId), _keys.Outbox(visit.InsuplcAdmdvs, visit.PsnNo)],
            new ScriptArguments(6).Add(setlId).Add(visit.MdtrtId).Add(msgid).Add(responseBody).Add(booking.Field).Add(booking.Payload).ToArray()).ConfigureAwait(false))!;
        Forget(visit.InsuplcAdmdvs, visit.PsnNo, visit.MdtrtId);
        return ScriptReplies.RecordSettled.Decode(reply);
    }

    /// <summary>
    /// Records at the treatment city that the insured city cancelled or reversed settlement <paramref name="setlId"/>:
    /// the hospital-side record is marked cancelled and <paramref name="reversedRow"/> goes to the outbox, once; the
    /// visit reopens if that settlement is still its current one.
    /// </summary>
    public async Task<ReopenResult> RecordReopenedAsync(string insuplc, string psnNo, string mdtrtId, string setlId, OutboxEntry? reversedRow)
    {
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Reopen,
            [_keys.Visit(insuplc, psnNo, mdtrtId), _keys.Settlement(insuplc, psnNo, setlId), _keys.Outbox(insuplc, psnNo)],
            new ScriptArguments(3).Add(setlId).Add(reversedRow?.Field ?? string.Empty).Add(reversedRow?.Payload ?? string.Empty).ToArray()).ConfigureAwait(false))!;
        Forget(insuplc, psnNo, mdtrtId);
        return ScriptReplies.Reopen.Decode(reply);
    }

    /// <summary>Records the discharge time of an inpatient visit, once per msgid.</summary>
    public async Task<DischargeResult> DischargeAsync(Visit visit, string msgid, byte[] digest)
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
            return DischargeResult.Discharged;
        }

        var stored = await _db.HashGetAsync(messageKey, "digest").ConfigureAwait(false);
        return stored.IsNull ? DischargeResult.VisitNotFound
            : ((byte[])stored!).AsSpan().SequenceEqual(digest) ? DischargeResult.Replayed
            : DischargeResult.MsgidConflict;
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
