using System.Security.Cryptography;
using System.Text;
using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;
using Adjudication.Domain.Visits;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Ledger;

namespace Adjudication.Storage.Tests.Infrastructure;

/// <summary>
/// Every store over one test's own key prefix, and the few steps a test needs to reach a script: a person, an open
/// visit with classified fee lines, a computed settlement ready to commit. All money in fen.
/// </summary>
public sealed class StoreSet : IDisposable
{
    /// <summary>The insured city of every test person.</summary>
    public const string City = "140100";

    /// <summary>The hospital of every test visit.</summary>
    public const string Hospital = "H14010000001";

    /// <summary>The treatment city of a visit treated elsewhere.</summary>
    public const string TreatmentCity = "110100";

    private int _counter;

    /// <summary>Stores under a fresh key prefix.</summary>
    public StoreSet()
    {
        Options = new RedisStoreOptions { KeyPrefix = "st" + Guid.NewGuid().ToString("N") };
        var redis = TestRedis.Connection;
        Persons = new PersonStore(redis, Options, Clock);
        Visits = new VisitStore(redis, Options);
        Settlements = new SettlementStore(redis, Options, Persons, Visits);
        Filings = new FilingStore(redis, Options, Persons);
        FilingCache = new FilingCacheStore(redis, Options, Clock);
    }

    /// <summary>The key prefix and store options.</summary>
    public RedisStoreOptions Options { get; }

    /// <summary>The clock of every store: 2026-06-15.</summary>
    public TimeProvider Clock { get; } = new FixedClock();

    /// <summary>Persons at the insured city.</summary>
    public PersonStore Persons { get; }

    /// <summary>Visits and fee lines.</summary>
    public VisitStore Visits { get; }

    /// <summary>Settle, cancel, reverse.</summary>
    public SettlementStore Settlements { get; }

    /// <summary>Authoritative filings.</summary>
    public FilingStore Filings { get; }

    /// <summary>Filing copies away from the insured city.</summary>
    public FilingCacheStore FilingCache { get; }

    /// <summary>A new msgid of the test hospital (unique within the prefix).</summary>
    public string NextMsgid() => $"{Hospital}20260615100000{Interlocked.Increment(ref _counter):D4}";

    /// <summary>A digest standing for a request's payload.</summary>
    public static byte[] DigestOf(string payload) => SHA256.HashData(Encoding.UTF8.GetBytes(payload));

    /// <summary>An active employee insured here with <paramref name="balanceFen"/> in the account.</summary>
    public async Task<PersonProfile> AddPersonAsync(long balanceFen = 0, bool civilServant = false, bool enterpriseSupplementary = false)
    {
        var n = Interlocked.Increment(ref _counter);
        var profile = new PersonProfile($"{City}{n:D10}", City, "张三", "140105199001011234", Insutype.EmployeeBasic, PersonType.EmployeeInService,
            InsuredActive: true, AssistanceEligible: false, civilServant, enterpriseSupplementary);
        await Persons.PutAsync(profile, new Money(balanceFen), []);
        return profile;
    }

    /// <summary>Registers a general outpatient visit of <paramref name="person"/> here and uploads one class A line of <paramref name="inScopeFen"/>.</summary>
    public async Task<VisitSnapshot> OpenVisitAsync(PersonProfile person, long inScopeFen)
    {
        var visit = NewVisit(person);
        var (result, _) = await Visits.RegisterAsync(visit, NextMsgid(), DigestOf(visit.MdtrtId));
        Assert.Equal(Contract.RegisterVisitResult.Registered, result);
        var snapshot = (await Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.MdtrtId))!;
        var (uploaded, _) = await Visits.UploadFeesAsync(snapshot, [Line("1", inScopeFen)]);
        Assert.Equal(Contract.UploadFeesResult.Added, uploaded);
        return (await Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.MdtrtId))!;
    }

    /// <summary>A visit header of <paramref name="person"/> at the test hospital, not yet stored.</summary>
    public Visit NewVisit(PersonProfile person) => new(
        $"{City}{Interlocked.Increment(ref _counter):D12}", person.PsnNo, person.InsuplcAdmdvs, Hospital, HospitalLevel.Secondary, City,
        Insutype.EmployeeBasic, MedType.GeneralOutpatient, new DateTime(2026, 6, 15, 9, 0, 0), string.Empty, string.Empty, null);

    /// <summary>A class A fee line whose whole amount is in scope.</summary>
    public static FeeLineWrite Line(string sn, long amountFen, string content = "") => new(
        sn, DigestOf(sn + "|" + amountFen + "|" + content), Encoding.UTF8.GetBytes("result " + sn),
        new ClassifiedLine(ItemClass.A, new Money(amountFen), Money.Zero, Money.Zero, Money.Zero, new Money(amountFen)));

    /// <summary>
    /// The settlement of <paramref name="visit"/> as the insured city would commit it: the engine on the person's
    /// current snapshot and <paramref name="policy"/>, with a new setl_id.
    /// </summary>
    public async Task<(PersonSnapshot Person, SettlementCommit Commit)> ComputeAsync(
        PersonProfile person, VisitSnapshot visit, SettlementPolicy policy, string msgid, string payload = "settle")
    {
        var snapshot = (await Persons.GetAsync(person.InsuplcAdmdvs, person.PsnNo))!;
        var input = new SettlementInput(
            visit.Totals, visit.Visit.MedType, visit.Visit.HospitalLevel, snapshot.Profile.PersonType, snapshot.Profile.AssistanceEligible,
            new EligibilityDecision(Scope.Local, FilingClass.None, IntegrationZone: false, ReductionBp: 0),
            UseAccount: true, snapshot.Balance, snapshot.Accumulators, snapshot.Profile.CivilServant, snapshot.Profile.EnterpriseSupplementary);
        var computation = SettlementEngine.Compute(input, policy);
        var setlId = "S" + Guid.NewGuid().ToString("N");
        var row = LedgerRowOf(visit, computation, setlId, msgid);
        var booking = visit.IsRemote ? ClearingFeed.Entry(ClearingFeed.InsuredKind, new ClearingRow(TreatmentCity, row)) : LedgerBooking.Entry(row);
        return (snapshot, new SettlementCommit(msgid, DigestOf(payload), setlId, 2026, computation, Encoding.UTF8.GetBytes("body of " + setlId), booking));
    }

    /// <summary>The hospital ledger's row of a settlement of <paramref name="visit"/> as the node makes it, at 2026-06-15 10:00:00.</summary>
    public static LedgerRow LedgerRowOf(VisitSnapshot visit, SettlementComputation computation, string setlId, string msgid)
    {
        var split = computation.Split;
        return new LedgerRow(
            setlId, visit.Visit.MdtrtId, visit.Visit.PsnNo, visit.Visit.InsuplcAdmdvs, visit.Visit.FixmedinsCode, msgid, "2026-06-15 10:00:00",
            (int)visit.Visit.Insutype, "11", Refunded: false, split.MedFeeSum.Fen, split.FundPaySum.Fen, split.AccountPay.Fen, split.CashPay.Fen,
            [new FundAmount(310100, split.FundPaySum.Fen)]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Persons.Dispose();
        Visits.Dispose();
    }
}
