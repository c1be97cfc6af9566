using System.Security.Cryptography;
using System.Text;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Units;
using Adjudication.Domain.Visits;
using Adjudication.Node.Clearing;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Outbox;
using Adjudication.Node.Policies;
using Adjudication.Node.Settlement;
using Adjudication.Node.Telemetry;
using Adjudication.Node.Tests.Infrastructure;
using Adjudication.Storage;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using Adjudication.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainMedType = Adjudication.Domain.Policy.MedType;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;
using HospitalLevel = Adjudication.Domain.Policy.HospitalLevel;

namespace Adjudication.Node.Tests.Settlement;

/// <summary>
/// The settlement desks of one insured city (140100) built in memory over a real store, under a key prefix of their
/// own: the middle test layer (CONVENTIONS.md "Tests"), no Kestrel and no channel. A node without a topology, so a
/// person insured elsewhere is refused. Persons, policies and visits go straight into the stores.
/// </summary>
internal sealed class DeskSet : IDisposable
{
    /// <summary>The city of the node and of every test person.</summary>
    public const string City = "140100";

    /// <summary>The hospital of every test visit.</summary>
    public const string Hospital = "H14010000001";

    private readonly PeerClients _peers;
    private int _counter;

    public DeskSet()
    {
        var options = new NodeOptions { Admdvs = City, Redis = new RedisStoreOptions { KeyPrefix = KeyPrefix } };
        var redis = TestRedis.Connection;
        Persons = new PersonStore(redis, options.Redis, Clock);
        Visits = new VisitStore(redis, options.Redis);
        Settlements = new SettlementStore(redis, options.Redis, Persons, Visits);
        Policies = new PolicyStore(redis, options.Redis);
        Zones = new ZoneStore(redis, options.Redis);
        var wrapped = Options.Create(options);
        var metrics = new NodeMetrics(wrapped);
        _peers = new PeerClients(null, "M-" + City, TimeSpan.FromSeconds(1), metrics);
        Ledger = new LedgerStore(redis, options.Redis);
        var network = new NetworkClient(_peers, wrapped);
        // Without a topology the node clears nothing, so the clearing flow never needs the worker from a container.
        var clearing = new ClearingFlow(new ClearingStore(redis, options.Redis), network, new ServiceCollection().BuildServiceProvider(), wrapped);
        var outbox = new OutboxStore(redis, options.Redis);
        Outbox = new OutboxWorker(outbox, [new LedgerBookingHandler(Ledger, clearing)], metrics, wrapped, NullLogger<OutboxWorker>.Instance);
        Insured = new InsuredSettlement(Persons, Visits, Settlements, Policies, Zones, Outbox, Clock, wrapped, NullLogger<InsuredSettlement>.Instance);
        Reversal = new InsuredReversal(Visits, Settlements, Outbox, Clock);
        Desk = new SettlementDesk(Insured, Reversal, new TreatmentSettlement(Visits, Settlements, network, Outbox, Clock), network, wrapped);
        Policy = new PolicyDesk(Policies, Zones, network, outbox, Outbox, wrapped, NullLogger<PolicyDesk>.Instance);
    }

    public TimeProvider Clock { get; } = new FixedClock();

    /// <summary>The prefix of every key these desks write (one of their own, so tests running side by side share nothing).</summary>
    public string KeyPrefix { get; } = "desk" + Guid.NewGuid().ToString("N");

    public PersonStore Persons { get; }

    public VisitStore Visits { get; }

    public SettlementStore Settlements { get; }

    /// <summary>The hospital ledger the settlements book into.</summary>
    public LedgerStore Ledger { get; }

    /// <summary>The outbox worker, not started: a test applies the ledger rows with <see cref="OutboxWorker.FlushAsync"/>.</summary>
    public OutboxWorker Outbox { get; }

    /// <summary>The city's policy versions.</summary>
    public PolicyStore Policies { get; }

    /// <summary>The integration zones the city holds.</summary>
    public ZoneStore Zones { get; }

    /// <summary>The insured city's settlement.</summary>
    public InsuredSettlement Insured { get; }

    /// <summary>The insured city's cancel and reversal.</summary>
    public InsuredReversal Reversal { get; }

    /// <summary>The desk terminals and peers call.</summary>
    public SettlementDesk Desk { get; }

    /// <summary>The desk agencies publish policies and zones through.</summary>
    public PolicyDesk Policy { get; }

    /// <summary>A msgid of the test hospital, unique within the prefix.</summary>
    public string NextMsgid() => $"{Hospital}20260615100000{Interlocked.Increment(ref _counter):D4}";

    /// <summary>An active employee in service insured here.</summary>
    public async Task<PersonProfile> AddPersonAsync(long balanceFen = 0, bool civilServant = false, bool enterpriseSupplementary = false, bool assistanceEligible = false)
    {
        var n = Interlocked.Increment(ref _counter);
        var profile = new PersonProfile($"{City}{n:D10}", City, "张三", "140105199001011234", DomainInsutype.EmployeeBasic, DomainPersonType.EmployeeInService,
            InsuredActive: true, assistanceEligible, civilServant, enterpriseSupplementary);
        await Persons.PutAsync(profile, new Money(balanceFen), []);
        return profile;
    }

    /// <summary>An open inpatient visit at the test hospital (secondary) with one class A line of <paramref name="inScopeFen"/>.</summary>
    public async Task<string> OpenVisitAsync(PersonProfile person, long inScopeFen)
    {
        var visit = new Visit($"{City}{Interlocked.Increment(ref _counter):D12}", person.PsnNo, City, Hospital, HospitalLevel.Secondary, City,
            DomainInsutype.EmployeeBasic, DomainMedType.Inpatient, new DateTime(2026, 6, 10, 9, 0, 0), string.Empty, string.Empty, null);
        await Visits.RegisterAsync(visit, NextMsgid(), SHA256.HashData(Encoding.UTF8.GetBytes(visit.MdtrtId)));
        var snapshot = (await Visits.GetAsync(City, person.PsnNo, visit.MdtrtId))!;
        var amount = new Money(inScopeFen);
        await Visits.UploadFeesAsync(snapshot, [new FeeLineWrite("1", [1], [2], new ClassifiedLine(Domain.Catalog.ItemClass.A, amount, Money.Zero, Money.Zero, Money.Zero, amount))]);
        return visit.MdtrtId;
    }

    /// <summary>A terminal's settle request for the visit.</summary>
    public SettleRequest Settle(PersonProfile person, string mdtrtId, string? msgid = null, string fixmedinsCode = Hospital) => new()
    {
        Msgid = msgid ?? NextMsgid(),
        FixmedinsCode = fixmedinsCode,
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = City,
        MdtrtId = mdtrtId,
        AcctUsedFlag = true,
    };

    /// <summary>A terminal's cancel request for a settlement.</summary>
    public CancelSettlementRequest Cancel(PersonProfile person, SettleResponse settled) => new()
    {
        Msgid = NextMsgid(),
        FixmedinsCode = Hospital,
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = City,
        MdtrtId = settled.MdtrtId,
        SetlId = settled.SetlId,
    };

    /// <summary>The person's snapshot as Redis holds it, past the near cache.</summary>
    public async Task<PersonSnapshot> ReadPersonAsync(PersonProfile person)
    {
        Persons.Forget(City, person.PsnNo);
        return (await Persons.GetAsync(City, person.PsnNo))!;
    }

    public void Dispose()
    {
        _peers.Dispose();
        Persons.Dispose();
        Visits.Dispose();
    }
}
