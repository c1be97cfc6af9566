using Adjudication.Domain.Units;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Commits and undoes settlements on the person's hash slot: accumulators, balance, settlement record, visit status
/// and the msgid's idempotency record change together in one Lua script (DESIGN.md §4.2 step 8, §6).
/// </summary>
public sealed class SettlementStore
{
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
    /// since (else <see cref="WriteOutcome.Stale"/>). A replay returns the body stored by the first commit.
    /// </summary>
    public async Task<(WriteOutcome Outcome, byte[] Body, string SetlId)> CommitAsync(PersonSnapshot person, VisitSnapshot visit, SettlementCommit commit)
    {
        var p = person.Profile;
        var delta = commit.Computation.Delta;
        var after = person.Accumulators.Plus(delta);
        var balance = person.Balance - commit.Computation.AccountDebit;
        var args = new RedisValue[visit.IsRemote ? 29 : 23];
        (args[0], args[1], args[2], args[3], args[4]) = (person.Version, visit.Version, person.FilingsVersion, commit.Digest, commit.ResponseBody);
        (args[5], args[6], args[7], args[8], args[9]) = (commit.SetlId, commit.Year, commit.Computation.AccountDebit.Fen, visit.Visit.MdtrtId, commit.Msgid);
        (args[10], args[11], args[12], args[13], args[14], args[15]) = (delta.DeductibleUsed.Fen, delta.EligibleCumulative.Fen, delta.BasicPaid.Fen,
            delta.BurdenCumulative.Fen, delta.SecondLayerPaid.Fen, delta.AssistancePaid.Fen);
        (args[16], args[17], args[18], args[19], args[20], args[21]) = (after.DeductibleUsed.Fen, after.EligibleCumulative.Fen, after.BasicPaid.Fen,
            after.BurdenCumulative.Fen, after.SecondLayerPaid.Fen, after.AssistancePaid.Fen);
        args[22] = balance.Fen;
        if (visit.IsRemote)
        {
            var t = visit.Totals;
            (args[23], args[24], args[25], args[26], args[27], args[28]) = (StoreJson.Serialize(visit.Visit), t.MedFeeSum.Fen, t.FullOwnPay.Fen, t.OverLimit.Fen, t.PreSelfPay.Fen, t.InScope.Fen);
        }

        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Settle,
            [
                _keys.State(p.InsuplcAdmdvs, p.PsnNo),
                _keys.Message(p.InsuplcAdmdvs, p.PsnNo, commit.Msgid),
                _keys.Settlement(p.InsuplcAdmdvs, p.PsnNo, commit.SetlId),
                _keys.Visit(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId),
                _keys.Filings(p.InsuplcAdmdvs, p.PsnNo),
            ],
            args).ConfigureAwait(false))!;
        switch (result[0].ToString())
        {
            case "ok":
                _persons.Remember(person with { Version = Increment(person.Version), Balance = balance, Accumulators = after });
                // A settled visit is read again only by a retry or a cancel; those may pay one Redis read.
                _visits.Forget(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId);

                return (WriteOutcome.Written, commit.ResponseBody, commit.SetlId);
            case "replay":
                return (WriteOutcome.Replayed, (byte[])result[1]!, string.Empty);
            case "conflict":
                return (WriteOutcome.MsgidConflict, [], string.Empty);
            case "reversed":
                return (WriteOutcome.MsgidReversed, [], string.Empty);
            case "novisit":
                return (WriteOutcome.VisitNotFound, [], string.Empty);
            case "visitclosed":
                _visits.Forget(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId);
                return (WriteOutcome.VisitNotOpen, [], result[1].ToString());
            default:
                _persons.Forget(p.InsuplcAdmdvs, p.PsnNo);
                _visits.Forget(p.InsuplcAdmdvs, p.PsnNo, visit.Visit.MdtrtId);
                return (WriteOutcome.Stale, [], string.Empty);
        }
    }

    /// <summary>
    /// Cancels (<paramref name="reverseOf"/> null) or reverses a settlement: subtracts exactly its deltas, returns its
    /// account debit and reopens the visit. Returns the balance after.
    /// </summary>
    public async Task<(WriteOutcome Outcome, Money BalanceAfter, string SetlId)> UnsettleAsync(
        string insuplc, string psnNo, string msgid, byte[] digest, string setlId, string mdtrtId, string? reverseOf)
    {
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Unsettle,
            [
                _keys.State(insuplc, psnNo),
                _keys.Message(insuplc, psnNo, msgid),
                _keys.Settlement(insuplc, psnNo, setlId),
                _keys.Visit(insuplc, psnNo, mdtrtId),
                _keys.Message(insuplc, psnNo, reverseOf ?? msgid),
            ],
            [digest, reverseOf is null ? "cancel" : "reverse", setlId, mdtrtId]).ConfigureAwait(false))!;
        _persons.Forget(insuplc, psnNo);
        _visits.Forget(insuplc, psnNo, mdtrtId);
        return result[0].ToString() switch
        {
            "ok" => (WriteOutcome.Written, new Money((long)result[1]), setlId),
            "replay" => (WriteOutcome.Replayed, result[2].IsNull || result[2].ToString().Length == 0 ? Money.Zero : new Money((long)result[2]), result[1].ToString()),
            "conflict" => (WriteOutcome.MsgidConflict, Money.Zero, string.Empty),
            "nosettlement" => (WriteOutcome.SettlementNotFound, Money.Zero, string.Empty),
            _ => (WriteOutcome.SettlementAlreadyCancelled, Money.Zero, string.Empty),
        };
    }

    /// <summary>Leaves a tombstone for a msgid that never arrived, so the late original is refused.</summary>
    public async Task<WriteOutcome> TombstoneAsync(string insuplc, string psnNo, string msgid, byte[] digest, string originalMsgid)
    {
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.Tombstone,
            [_keys.Message(insuplc, psnNo, msgid), _keys.Message(insuplc, psnNo, originalMsgid)],
            [digest]).ConfigureAwait(false))!;
        return result[0].ToString() switch
        {
            "ok" => WriteOutcome.Written,
            "replay" => WriteOutcome.Replayed,
            "conflict" => WriteOutcome.MsgidConflict,
            _ => WriteOutcome.OriginalArrived,
        };
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

    /// <summary>The stored settle response and status of a settlement, or null.</summary>
    public async Task<(byte[] Body, bool Cancelled, string MdtrtId)?> GetSettlementAsync(string insuplc, string psnNo, string setlId)
    {
        var values = await _db.HashGetAsync(_keys.Settlement(insuplc, psnNo, setlId), ["status", "body", "mdtrt_id"]).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }

        return ((byte[])values[1]!, values[0] != "settled", values[2].ToString());
    }

    private static string Increment(string version) =>
        (long.Parse(version, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
