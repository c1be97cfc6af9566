using Adjudication.Storage.Contract;

namespace Adjudication.Storage.Internal;

/// <summary>
/// The reply table of every script, in one place (CONVENTIONS.md: store and script contracts are typed). Each script
/// answers a table whose first element names its outcome; the strings here and in <c>Scripts/*.lua</c> must agree, and
/// the storage tests drive every entry against a real store.
/// </summary>
internal static class ScriptReplies
{
    public static readonly ReplyTable<SettleResult> Settle = new(
        "settle.lua",
        ("ok", SettleResult.Committed),
        ("replay", SettleResult.Replayed),
        ("conflict", SettleResult.MsgidConflict),
        ("reversed", SettleResult.MsgidReversed),
        ("novisit", SettleResult.VisitNotFound),
        ("visitclosed", SettleResult.VisitClosed),
        ("stale", SettleResult.Stale));

    public static readonly ReplyTable<UnsettleResult> Unsettle = new(
        "unsettle.lua",
        ("ok", UnsettleResult.Undone),
        ("replay", UnsettleResult.Replayed),
        ("conflict", UnsettleResult.MsgidConflict),
        ("nosettlement", UnsettleResult.SettlementNotFound),
        ("cancelled", UnsettleResult.AlreadyUndone));

    public static readonly ReplyTable<TombstoneResult> Tombstone = new(
        "tombstone.lua",
        ("ok", TombstoneResult.Tombstoned),
        ("replay", TombstoneResult.Replayed),
        ("conflict", TombstoneResult.MsgidConflict),
        ("arrived", TombstoneResult.OriginalArrived));

    public static readonly ReplyTable<RegisterVisitResult> RegisterVisit = new(
        "register_visit.lua",
        ("ok", RegisterVisitResult.Registered),
        ("replay", RegisterVisitResult.Replayed),
        ("conflict", RegisterVisitResult.MsgidConflict));

    public static readonly ReplyTable<UploadFeesResult> UploadFees = new(
        "upload_fees.lua",
        ("ok", UploadFeesResult.Added),
        ("novisit", UploadFeesResult.VisitNotFound),
        ("notopen", UploadFeesResult.VisitNotOpen),
        ("conflict", UploadFeesResult.FeeLineConflict));

    public static readonly ReplyTable<WriteFilingResult> WriteFiling = new(
        "write_filing.lua",
        ("ok", WriteFilingResult.Written),
        ("replay", WriteFilingResult.Replayed),
        ("conflict", WriteFilingResult.MsgidConflict),
        ("stale", WriteFilingResult.Stale));

    public static readonly ReplyTable<CacheFilingResult> CacheFiling = new(
        "cache_filing.lua",
        ("cached", CacheFilingResult.Cached),
        ("kept", CacheFilingResult.Kept));

    public static readonly ReplyTable<RecordSettledResult> RecordSettled = new(
        "record_settled.lua",
        ("recorded", RecordSettledResult.Recorded),
        ("already", RecordSettledResult.AlreadyRecorded));

    public static readonly ReplyTable<WritePersonResult> WritePerson = new(
        "write_person.lua",
        ("ok", WritePersonResult.Written),
        ("unchanged", WritePersonResult.Unchanged),
        ("replay", WritePersonResult.Replayed),
        ("conflict", WritePersonResult.MsgidConflict),
        ("exists", WritePersonResult.AlreadyEnrolled),
        ("stale", WritePersonResult.Stale));

    public static readonly ReplyTable<EnrolRowResult> EnrolPersonRow = new(
        "enrol_person_row.lua",
        ("ok", EnrolRowResult.Enrolled),
        ("unchanged", EnrolRowResult.Unchanged),
        ("exists", EnrolRowResult.AlreadyEnrolled));

    public static readonly ReplyTable<MoveBalanceResult> MoveBalance = new(
        "move_balance.lua",
        ("ok", MoveBalanceResult.Moved),
        ("replay", MoveBalanceResult.Replayed),
        ("conflict", MoveBalanceResult.MsgidConflict),
        ("noperson", MoveBalanceResult.PersonNotFound),
        ("negative", MoveBalanceResult.WouldGoNegative));

    public static readonly ReplyTable<WriteInstitutionResult> WriteInstitution = new(
        "write_institution.lua",
        ("ok", WriteInstitutionResult.Written),
        ("unchanged", WriteInstitutionResult.Unchanged),
        ("replay", WriteInstitutionResult.Replayed),
        ("conflict", WriteInstitutionResult.MsgidConflict),
        ("stale", WriteInstitutionResult.Stale));
    public static readonly ReplyTable<PublishResult> PublishPolicy = new(
        "publish_policy.lua",
        ("ok", PublishResult.Published),
        ("replay", PublishResult.Replayed),
        ("conflict", PublishResult.MsgidConflict));

    public static readonly ReplyTable<PublishResult> PublishZone = new(
        "publish_zone.lua",
        ("ok", PublishResult.Published),
        ("replay", PublishResult.Replayed),
        ("conflict", PublishResult.MsgidConflict));

    public static readonly ReplyTable<CacheZoneResult> CacheZone = new(
        "cache_zone.lua",
        ("cached", CacheZoneResult.Cached),
        ("kept", CacheZoneResult.Kept));

    public static readonly ReplyTable<ReopenResult> Reopen = new(
        "reopen.lua",
        ("reopened", ReopenResult.Reopened),
        ("already", ReopenResult.AlreadyCancelled),
        ("norecord", ReopenResult.NoRecord));

    public static readonly ReplyTable<ApplyBookingsResult> ApplyBookings = new(
        "apply_bookings.lua",
        ("applied", ApplyBookingsResult.Applied));

    public static readonly ReplyTable<ClearingStatusResult> ClearingStatus = new(
        "clearing_status.lua",
        ("ok", ClearingStatusResult.Moved),
        ("replay", ClearingStatusResult.Replayed),
        ("conflict", ClearingStatusResult.MsgidConflict),
        ("already", ClearingStatusResult.AlreadyDeclared),
        ("empty", ClearingStatusResult.NothingToDeclare),
        ("wrongstatus", ClearingStatusResult.WrongStatus));

    public static readonly ReplyTable<PrepaymentBookResult> PrepaymentBook = new(
        "prepayment_book.lua",
        ("booked", PrepaymentBookResult.Booked));

    public static readonly ReplyTable<PrepaymentFundResult> PrepaymentFund = new(
        "prepayment_fund.lua",
        ("ok", PrepaymentFundResult.Moved),
        ("replay", PrepaymentFundResult.Replayed),
        ("conflict", PrepaymentFundResult.MsgidConflict));
}
