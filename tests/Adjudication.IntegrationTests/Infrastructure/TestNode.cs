using System.Collections.Concurrent;
using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Persons;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// One real node: Kestrel on <c>https://127.0.0.1:0</c> with mutual TLS and a node certificate of the test CA, real
/// <see cref="GrpcChannel"/>s to the port the OS picked, one per caller certificate, and its own Redis key prefix so
/// nodes of parallel test classes never see each other's data.
/// Also the hospital terminal's side of the conversation: msgids, persons, visits and fee uploads.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IConnectionMultiplexer _redis;
    private readonly bool _cleanUpKeys;
    private ReferenceDataStore? _referenceData;
    private int _msgidCounter;
    private int _personCounter;

    private readonly ConcurrentDictionary<CallerIdentity, GrpcChannel> _channels = new();

    private TestNode(WebApplication app, string address, IConnectionMultiplexer redis, NodeOptions options, TimeProvider clock, bool cleanUpKeys)
    {
        _app = app;
        Address = address;
        _redis = redis;
        Options = options;
        Clock = clock;
        _cleanUpKeys = cleanUpKeys;
        var terminals = new TerminalInvoker(this);
        Settlement = new SettlementService.SettlementServiceClient(terminals);
        Filing = new FilingService.FilingServiceClient(terminals);
        Catalog = new CatalogService.CatalogServiceClient(terminals);
        Agency = new ReferenceDataService.ReferenceDataServiceClient(terminals);
        Policy = new Contracts.V1.Policies.PolicyService.PolicyServiceClient(terminals);
    }

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public string Address { get; }

    /// <summary>The options the node runs with (its key prefix, Redis, limits; role and division from the topology).</summary>
    public NodeOptions Options { get; }

    /// <summary>Where the node serves its network dashboard, when started with a dashboard port.</summary>
    public Uri? DashboardUrl => _app.DashboardAddress();

    /// <summary>The node's Prometheus scrape endpoint, when it was started with a metrics port.</summary>
    public string? MetricsUrl => Options.MetricsPort > 0 ? $"http://{Options.MetricsHost}:{Options.MetricsPort}/metrics" : null;

    /// <summary>The node's clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The hospital-facing settlement service, each request under the certificate of the institution it names.</summary>
    public SettlementService.SettlementServiceClient Settlement { get; }

    /// <summary>The agency-facing filing service, each request under the certificate of the insured city's agency.</summary>
    public FilingService.FilingServiceClient Filing { get; }

    /// <summary>The agency-facing reference data (persons, accounts, institutions), under the certificate of the city's agency.</summary>
    public ReferenceDataService.ReferenceDataServiceClient Agency { get; }

    /// <summary>The catalog service; publication under the certificate of the province's agency.</summary>
    public CatalogService.CatalogServiceClient Catalog { get; }

    /// <summary>The policy service: policies under the certificate of the city's agency, zones under the province's.</summary>
    public Contracts.V1.Policies.PolicyService.PolicyServiceClient Policy { get; }

    /// <summary>A channel to the node presenting the certificate of <paramref name="identity"/>, made once per identity.</summary>
    /// <remarks>A node in development mode (plaintext) has no certificates to read; the channel names the identity in a header.</remarks>
    public GrpcChannel As(CallerIdentity identity) => _channels.GetOrAdd(identity, i => Options.Plaintext
        ? SecureChannel.Plaintext(Address, i)
        : TestCertificates.Channel(Address, TestCertificates.For(i)));

    /// <summary>A new channel to the node that presents no client certificate.</summary>
    public GrpcChannel Anonymous() => TestCertificates.Channel(Address, client: null);

    /// <summary>
    /// The node's institutions as stored, same key prefix as the node, for asserting that a refused call wrote nothing
    /// (the API has no look-up of an institution). Created on first use: its constructor subscribes to Redis, which
    /// needs the store up.
    /// </summary>
    public ReferenceDataStore ReferenceData => _referenceData ??= new ReferenceDataStore(_redis, Options.Redis);

    /// <summary>The node's hospital ledger as stored, same key prefix as the node.</summary>
    public Storage.Ledger.LedgerStore LedgerStore => new(_redis, Options.Redis);

    /// <summary>The node's clearing aggregates and records as stored, same key prefix as the node (for test faults).</summary>
    public Storage.Clearing.ClearingStore ClearingStore => new(_redis, Options.Redis);

    /// <summary>
    /// Builds and starts a node on <paramref name="redisConfiguration"/> with a fresh key prefix and the fixed clock
    /// unless <paramref name="clock"/> is given. <paramref name="configure"/> may adjust the options before the build;
    /// with <paramref name="topology"/> the node joins that network as <see cref="NodeOptions.Id"/>, and
    /// <paramref name="services"/> may add to its container (for example a fault-injecting interceptor).
    /// </summary>
    public static async Task<TestNode> StartAsync(
        string redisConfiguration,
        TimeProvider? clock = null,
        Action<NodeOptions>? configure = null,
        Adjudication.Node.Network.NetworkTopology? topology = null,
        Action<IServiceCollection>? services = null)
    {
        clock ??= new FixedClock();
        var options = new NodeOptions
        {
            Admdvs = World.City,
            Url = "https://127.0.0.1:0",
            Redis = new RedisStoreOptions { Configuration = redisConfiguration, KeyPrefix = "it" + Guid.NewGuid().ToString("N") },
        };
        configure?.Invoke(options);
        // The node's own certificate and key; a revocation list <paramref name="configure"/> named stays.
        options.Tls = TestCertificates.ForNode(options.Id.Length > 0 ? options.Id : "M-" + options.Admdvs, options.Tls.Crl);
        var app = await NodeHost.BuildAsync(options, [], clock, logging => logging.ClearProviders(), topology, services);
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            var redis = await StoreConnection.ConnectAsync(options.Redis);
            var cleanUp = SharedRedis.IsExternal && redisConfiguration == SharedRedis.Configuration;
            return new TestNode(app, address, redis, options, clock, cleanUp);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new well-formed msgid: <paramref name="sender"/>(12) + yyyyMMddHHmmss(14) + sequence(4), unique within this node.
    /// </summary>
    public string NextMsgid(string sender = World.Hospital)
    {
        var n = Interlocked.Increment(ref _msgidCounter);
        var time = new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Unspecified).AddSeconds(n / 10_000);
        return string.Create(CultureInfo.InvariantCulture, $"{sender}{time:yyyyMMddHHmmss}{n % 10_000:D4}");
    }

    /// <summary>
    /// Enrols a new person of the node's city through its ReferenceDataService, as the city's agency does, credits
    /// <paramref name="balanceFen"/> to their personal account (CreditAccount) when it is not zero, and returns the
    /// profile; <see cref="PersonProfile.CertNo"/> is the ID card number to identify them with.
    /// </summary>
    public async Task<PersonProfile> AddPersonAsync(
        DomainInsutype insutype = DomainInsutype.EmployeeBasic,
        DomainPersonType personType = DomainPersonType.EmployeeInService,
        long balanceFen = 0,
        bool insuredActive = true,
        bool assistanceEligible = false)
    {
        var n = Interlocked.Increment(ref _personCounter);
        var profile = new PersonProfile(
            string.Create(CultureInfo.InvariantCulture, $"{Options.Admdvs}{n:D10}"),
            Options.Admdvs,
            string.Create(CultureInfo.InvariantCulture, $"测试人员{n}"),
            string.Create(CultureInfo.InvariantCulture, $"{Options.Admdvs}19800101{n:D4}"),
            insutype,
            personType,
            insuredActive,
            assistanceEligible);
        var agency = TerminalInvoker.AgencyOf(Options.Admdvs).Id;
        var enrolled = await Agency.EnrolPersonAsync(new EnrolPersonRequest
        {
            Msgid = NextMsgid(agency),
            Person = new PersonEnrolment
            {
                PsnNo = profile.PsnNo,
                InsuplcAdmdvs = profile.InsuplcAdmdvs,
                PsnName = profile.Name,
                Certno = profile.CertNo,
                Insutype = (Insutype)insutype,
                PsnType = (PersonType)personType,
                InsuredActive = insuredActive,
                AssistanceEligible = assistanceEligible,
            },
        });
        if (enrolled.Outcome != ChangeOutcome.Enrolled)
        {
            throw new InvalidOperationException($"person {profile.PsnNo} was not enrolled: {enrolled.Outcome}");
        }

        if (balanceFen != 0)
        {
            await Agency.CreditAccountAsync(new CreditAccountRequest { Msgid = NextMsgid(agency), PsnNo = profile.PsnNo, InsuplcAdmdvs = profile.InsuplcAdmdvs, Amount = balanceFen, Reason = "opening balance" });
        }

        return profile;
    }

    /// <summary>
    /// The person's stored state (balance and the accumulators of the year of <paramref name="at"/>, by default the
    /// node's clock), read through a fresh store with no near cache.
    /// </summary>
    public async Task<PersonSnapshot> ReadPersonAsync(string psnNo, TimeProvider? at = null)
    {
        using var fresh = new PersonStore(_redis, Options.Redis, at ?? Clock);
        return await fresh.GetAsync(Options.Admdvs, psnNo) ?? throw new InvalidOperationException($"person {psnNo} is not stored");
    }

    /// <summary>
    /// Waits (polling, bounded by <paramref name="timeout"/>) until this helper's own connection answers PING again,
    /// e.g. after the store was restarted.
    /// </summary>
    public async Task WaitForStoreAsync(TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Both connections: commands, and the subscription connection that invalidations and stores use.
                await _redis.GetDatabase().PingAsync();
                await _redis.GetSubscriber().PingAsync();
                return;
            }
            catch (RedisException) when (watch.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>
    /// A visit as stored (status, totals, lines), read through a fresh store with no near cache; null when absent.
    /// <paramref name="insuplc"/> is the person's insured division, by default this node's.
    /// </summary>
    public async Task<VisitSnapshot?> ReadVisitAsync(string psnNo, string mdtrtId, string? insuplc = null)
    {
        using var fresh = new VisitStore(_redis, Options.Redis);
        return await fresh.GetAsync(insuplc ?? Options.Admdvs, psnNo, mdtrtId);
    }

    /// <summary>The copies of a person's filings this node holds (treatment city or relay), read from its store.</summary>
    public async Task<IReadOnlyList<Adjudication.Domain.Eligibility.Filing>> ReadCachedFilingsAsync(string insuplc, string psnNo) =>
        (await new FilingCacheStore(_redis, Options.Redis, Clock).GetAsync(insuplc, psnNo, insuplc)).Filings;

    /// <summary>Stops the node's server (its address then refuses connections); <see cref="DisposeAsync"/> still cleans up.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>Registers a visit (2201/2401) at <paramref name="hospital"/> on <see cref="World.VisitTime"/> and returns its mdtrt_id.</summary>
    public async Task<string> RegisterVisitAsync(PersonProfile person, MedType medType, string hospital = World.Hospital, string chronicDisease = "")
    {
        var response = await Settlement.RegisterVisitAsync(NewRegistration(person, medType, hospital, chronicDisease));
        return response.MdtrtId;
    }

    /// <summary>A registration request with a fresh msgid.</summary>
    public RegisterVisitRequest NewRegistration(PersonProfile person, MedType medType, string hospital = World.Hospital, string chronicDisease = "") => new()
    {
        Msgid = NextMsgid(hospital),
        FixmedinsCode = hospital,
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = person.InsuplcAdmdvs,
        Insutype = (Insutype)person.Insutype,
        MedType = medType,
        Begntime = World.VisitTime,
        DiseCodg = "I10",
        ChronicDiseCodg = chronicDisease,
    };

    /// <summary>An upload request for <paramref name="lines"/> with a fresh msgid.</summary>
    public UploadFeesRequest NewUpload(PersonProfile person, string mdtrtId, IEnumerable<FeeLine> lines, string hospital = World.Hospital)
    {
        var request = new UploadFeesRequest
        {
            Msgid = NextMsgid(hospital),
            FixmedinsCode = hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs,
            MdtrtId = mdtrtId,
        };
        request.FeeLines.AddRange(lines);
        return request;
    }

    /// <summary>Uploads fee lines (2204/2301) to a visit.</summary>
    public async Task<UploadFeesResponse> UploadAsync(PersonProfile person, string mdtrtId, IEnumerable<FeeLine> lines, string hospital = World.Hospital) =>
        await Settlement.UploadFeesAsync(NewUpload(person, mdtrtId, lines, hospital));

    /// <summary>Registers a visit and uploads its fee lines; returns the mdtrt_id.</summary>
    public async Task<string> OpenVisitAsync(PersonProfile person, MedType medType, IEnumerable<FeeLine> lines, string hospital = World.Hospital, string chronicDisease = "")
    {
        var mdtrtId = await RegisterVisitAsync(person, medType, hospital, chronicDisease);
        await UploadAsync(person, mdtrtId, lines, hospital);
        return mdtrtId;
    }

    /// <summary>A settle / pre-settle request with a fresh msgid.</summary>
    public SettleRequest NewSettle(PersonProfile person, string mdtrtId, bool useAccount = false, string hospital = World.Hospital) => new()
    {
        Msgid = NextMsgid(hospital),
        FixmedinsCode = hospital,
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = person.InsuplcAdmdvs,
        MdtrtId = mdtrtId,
        AcctUsedFlag = useAccount,
    };

    /// <summary>Stops the node and, on a shared real Redis, deletes every key under its prefix.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_cleanUpKeys)
        {
            await DeleteKeysAsync();
        }

        await _redis.DisposeAsync();
    }

    /// <summary>Test faults only: deletes every key of this node's store, as a node that starts on an empty store finds it.</summary>
    public Task EmptyStoreAsync() => DeleteKeysAsync();

    private async Task DeleteKeysAsync()
    {
        try
        {
            foreach (var endpoint in _redis.GetEndPoints())
            {
                var keys = new List<RedisKey>();
                await foreach (var key in _redis.GetServer(endpoint).KeysAsync(pattern: Options.Redis.KeyPrefix + ":*", pageSize: 1_000))
                {
                    keys.Add(key);
                }

                // One DEL per key: on Redis Cluster a DEL of several keys must stay in one hash slot.
                var db = _redis.GetDatabase();
                await Task.WhenAll(keys.Select(k => db.KeyDeleteAsync(k)));
            }
        }
        catch (RedisException)
        {
            // Leftover keys under a unique prefix harm no other test; a cleanup failure must not fail the run.
        }
    }
}
