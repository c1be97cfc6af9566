using System.Reflection;

namespace Adjudication.Storage.Internal;

/// <summary>
/// The Lua scripts, embedded from <c>Scripts/*.lua</c>. StackExchange.Redis caches each script's SHA per server and
/// sends EVALSHA, falling back to EVAL once after a server restart, so every call is one round trip.
/// </summary>
internal static class Scripts
{
    public static readonly string Settle = Load("settle.lua");
    public static readonly string Unsettle = Load("unsettle.lua");
    public static readonly string Tombstone = Load("tombstone.lua");
    public static readonly string UploadFees = Load("upload_fees.lua");
    public static readonly string RegisterVisit = Load("register_visit.lua");
    public static readonly string WriteFiling = Load("write_filing.lua");
    public static readonly string CacheFiling = Load("cache_filing.lua");
    public static readonly string RecordSettled = Load("record_settled.lua");
    public static readonly string WritePerson = Load("write_person.lua");
    public static readonly string EnrolPersonRow = Load("enrol_person_row.lua");
    public static readonly string MoveBalance = Load("move_balance.lua");
    public static readonly string WriteInstitution = Load("write_institution.lua");
    public static readonly string PublishPolicy = Load("publish_policy.lua");
    public static readonly string PublishZone = Load("publish_zone.lua");
    public static readonly string CacheZone = Load("cache_zone.lua");
    public static readonly string ApplyBookings = Load("apply_bookings.lua");
    public static readonly string Reopen = Load("reopen.lua");
    public static readonly string ClearingStatus = Load("clearing_status.lua");
    public static readonly string PrepaymentBook = Load("prepayment_book.lua");
    public static readonly string PrepaymentFund = Load("prepayment_fund.lua");

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
