using Adjudication.Domain.Units;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Commits and undoes settlements on the person's hash slot: accumulators, balance, settlement record, visit status
/// and the msgid's idempotency record change together in one Lua script (DESIGN.md §4.2 step 8, §6).
/// </summary>
public sealed class SettlementStore
{
    // settle.lua's ARGV before its accumulator triples, and the person-side copy of a visit treated elsewhere after them.
    private const int SettleHeader = 11;
    private const int RemoteVisitCopy = 6;
    private const int LedgerBooking = 2;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly PersonStore _persons;
    private readonly VisitStore _visits;

    /// <summary>Creates the store; it refreshes the person and visit near caches after each commit.</summary>
    public SettlementStore(IConnectionMultiplexer redis, RedisStoreOptions options, PersonStore persons, VisitStore visits)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _persons = persons;
        _visits = visits;
    }

    /// <summary>
    /// Commits a settlement computed from <paramref name="person"/> and <paramref name="visit"/>, provided neither changed
    /// since (else <see cref="SettleResult.Stale"/>). The script decides a replay: the body stored by the first commit
    /// comes back, and for <see cref="SettleResult.VisitClosed"/> the settlement id holding the visit.
    /// </summary>
    public async Task<(SettleResult Result, byte[] Body, string SetlId)> CommitAsync(PersonSnapshot person, VisitSnapshot visit, SettlementCommit commit)
    {
        var p = person.Profile;
        var delta = commit.Computation.Delta;
        var after = person.Accumulators.Plus(delta);
        var balance = person.Balance - commit.Computation.AccountDebit;
        var keys = _keys.Of(p.InsuplcAdmdvs, p.PsnNo);
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Settle,
            [keys.State(), keys.Message(commit.Msgid), keys.Settlement(commit.SetlId), keys.Visit(visit.Visit.MdtrtId), keys.Filings(), _keys.Outbox(keys)],
            SettleArguments(person, visit, commit, balance, after)).ConfigureAwait(false))!;
        var result = ScriptReplies.Settle.Decode(reply);
        switch (result)
        {
            case SettleResult.Committed:
                _persons.Remember(person with { Version = Increment(person.Version), Balance = balance, Accumulators = after });
                // A settled visit is read again only by a retry or a cancel; those may pay one Redis read.
                _visits.Forget(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId);
                return (result, commit.ResponseBody, commit.SetlId);
            case SettleResult.Replayed:
                return (result, (byte[])reply[1]!, string.Empty);
            case SettleResult.VisitClosed:
                _visits.Forget(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId);
                return (result, [], reply[1].ToString());
            case SettleResult.Stale or SettleResult.VisitNotFound:
                _persons.Forget(p.InsuplcAdmdvs, p.PsnNo);
                _visits.Forget(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId);
                return (result, [], string.Empty);
            default:
                return (result, [], string.Empty);
        }
    }

    /// <summary>
    /// Asks settle.lua, for a visit this node holds as settled, whether <paramref name="msgid"/> is the settle that did it:
    /// the script decides a replay as on any commit (DESIGN.md §4.2: settling twice with one msgid returns the first
    /// result), and commits nothing here because the expected versions it is given never match: a visit that is open
    /// after all answers <see cref="SettleResult.Stale"/>, so the caller reloads it and computes.
    /// </summary>
    public async Task<(SettleResult Result, byte[] Body, string SetlId)> ReplayAsync(string insuplc, string psnNo, string mdtrtId, string msgid, byte[] digest)
    {
        const string Never = "-";
        var args = new ScriptArguments(SettleHeader + 1)
            .Add(Never).Add(Never).Add(Never).Add(digest).Add(RedisValue.EmptyString).Add(RedisValue.EmptyString).Add(0).Add(0).Add(mdtrtId).Add(msgid).Add(0);

        var keys = _keys.Of(insuplc, psnNo);
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(
            Scripts.Settle,
            [keys.State(), keys.Message(msgid), keys.Settlement(Never), keys.Visit(mdtrtId), keys.Filings(), _keys.Outbox(keys)],
            args.Add(0).ToArray()).ConfigureAwait(false))!;
        var result = ScriptReplies.Settle.Decode(reply);
        if (result is not SettleResult.Replayed)
        {
            _visits.Forget(insuplc, psnNo, mdtrtId);
        }

        return result switch
        {
            SettleResult.Replayed => (result, (byte[])reply[1]!, string.Empty),
            SettleResult.VisitClosed => (result, [], reply[1].ToString()),
            SettleResult.Committed => throw new StoreContractException("settle.lua", "ok (to a replay probe that must never commit)"),
            _ => (result, [], string.Empty),
        };
    }

    /// <summary>
    /// Cancels (<paramref name="reverseOf"/> null) or reverses a settlement: subtracts exactly its deltas, returns its
    /// account debit and reopens the visit, and for a visit treated here puts <paramref name="reversedRow"/> (the
    /// hospital ledger's reversed row) in the outbox with it. Returns the balance after and, on a replay, the
    /// settlement undone then.
    /// </summary>
    public async Task<(UnsettleResult Result, Money BalanceAfter, string SetlId)> UnsettleAsync(
        string insuplc, string psnNo, string msgid, byte[] digest, string setlId, string mdtrtId, string? reverseOf, OutboxEntry? reversedRow)
    {
        var keys = _keys.Of(insuplc, psnNo);
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Unsettle,
            [keys.State(), keys.Message(msgid), keys.Settlement(setlId), keys.Visit(mdtrtId), keys.Message(reverseOf ?? msgid), _keys.Outbox(keys)],
            new ScriptArguments(6).Add(digest).Add(reverseOf is null ? "cancel" : "reverse").Add(setlId).Add(mdtrtId)
                .Add(reversedRow?.Field ?? string.Empty).Add(reversedRow?.Payload ?? string.Empty).ToArray()).ConfigureAwait(false))!;
        _persons.Forget(insuplc, psnNo);
        _visits.Forget(insuplc, psnNo, mdtrtId);
        var result = ScriptReplies.Unsettle.Decode(reply);
        return result switch
        {
            UnsettleResult.Undone => (result, new Money((long)reply[1]), setlId),
            UnsettleResult.Replayed => (result, reply[2].IsNull || reply[2].ToString().Length == 0 ? Money.Zero : new Money((long)reply[2]), reply[1].ToString()),
            _ => (result, Money.Zero, string.Empty),
        };
    }

    /// <summary>Leaves a tombstone for a msgid that never arrived, so the late original is refused.</summary>
    public async Task<TombstoneResult> TombstoneAsync(string insuplc, string psnNo, string msgid, byte[] digest, string originalMsgid)
    {
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Tombstone,
            [_keys.Message(insuplc, psnNo, msgid), _keys.Message(insuplc, psnNo, originalMsgid)],
            new ScriptArguments(1).Add(digest).ToArray()).ConfigureAwait(false))!;
        return ScriptReplies.Tombstone.Decode(reply);
    }

    /// <summary>The idempotency record of a msgid, or null when it never arrived.</summary>
    public async Task<MessageRecord?> GetMessageAsync(string insuplc, string psnNo, string msgid)
    {
        var values = await _db.HashGetAsync(_keys.Message(insuplc, psnNo, msgid), ["op", "digest", "body", "setl_id", "mdtrt_id"]).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }

        return new MessageRecord(values[0].ToString(), (byte[]?)values[1] ?? [], (byte[]?)values[2] ?? [], values[3].ToString(), values[4].ToString());
    }

    /// <summary>
    /// The stored settle response and status of a settlement, and its hospital ledger row where this city booked it
    /// (the treatment city's record; null for a visit treated elsewhere); null when there is no such settlement.
    /// </summary>
    public async Task<SettlementRecord?> GetSettlementAsync(string insuplc, string psnNo, string setlId)
    {
        var values = await _db.HashGetAsync(_keys.Settlement(insuplc, psnNo, setlId), ["status", "body", "mdtrt_id", "ledger", "clearing"]).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }

        return new SettlementRecord((byte[])values[1]!, values[0] != "settled", values[2].ToString(),
            values[3].IsNullOrEmpty ? null : LedgerLine.Parse(values[3].ToString()),
            values[4].IsNullOrEmpty ? null : Clearing.ClearingRow.Parse(values[4].ToString()));
    }

    // settle.lua's ARGV, in the order of its header comment.
    private static RedisValue[] SettleArguments(PersonSnapshot person, VisitSnapshot visit, SettlementCommit commit, Money balance, Domain.Settlement.YearAccumulators after)
    {
        var delta = commit.Computation.Delta;
        var args = new ScriptArguments(ScriptArguments.CountWith(SettleHeader, delta) + (visit.IsRemote ? RemoteVisitCopy : 0) + LedgerBooking)
            .Add(person.Version).Add(visit.Version).Add(person.FilingsVersion).Add(commit.Digest).Add(commit.ResponseBody)
            .Add(commit.SetlId).Add(commit.Year).Add(commit.Computation.AccountDebit.Fen).Add(visit.Visit.MdtrtId).Add(commit.Msgid)
            .Add(balance.Fen)
            .AddAccumulators(delta, after);
        if (visit.IsRemote)
        {
            var t = visit.Totals;
            args.Add(StoreJson.Serialize(visit.Visit)).Add(t.MedFeeSum.Fen).Add(t.FullOwnPay.Fen).Add(t.OverLimit.Fen).Add(t.PreSelfPay.Fen).Add(t.InScope.Fen);
        }

        // A visit treated here books its hospital ledger row; one treated elsewhere, the insured city's clearing record
        // (none where the node feeds no clearing: an empty field).
        var booking = commit.Booking ?? (visit.IsRemote ? null : throw new ArgumentException("a settlement of a visit treated here books its ledger row", nameof(commit)));
        args.Add(booking?.Field ?? string.Empty).Add(booking?.Payload ?? string.Empty);

        return args.ToArray();
    }

    private static string Increment(string version) =>
        (long.Parse(version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
