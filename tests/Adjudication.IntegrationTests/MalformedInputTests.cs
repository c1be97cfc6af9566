using System.Text;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Institutions;
using Adjudication.Domain.Persons;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Errors;
using Adjudication.Node.Security;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.BrokenValues;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Malformed input of any kind is refused clearly (DESIGN.md §7). Generated malformed requests for every public RPC and
/// every node-to-node RPC (sent by a genuine neighbour), and garbage bodies for every method, never answer UNKNOWN or
/// INTERNAL, never RESOURCE_EXHAUSTED because a refusal grew too large for a client, and every refusal carries an
/// ErrorInfo reason; bad input also carries BadRequest field violations. The crashers issue 12 found are facts of their own.
/// </summary>
public sealed class MalformedInputTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>, IDisposable
{
    // Generated cases per group: every RPC of a group is hit dozens of times; a group takes a few seconds.
    private const long Cases = 400;

    // gRPC Java, the strictest common client, reads at most 8 KB of response metadata by default.
    private const int MaxTrailerBytes = 8 * 1024;

    private const string TaiyuanAgencySender = "A14010000001";
    private const string ShanxiAgencySender = "A14000000001";

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);
    private static readonly Marshaller<byte[]> PassThrough = Marshallers.Create(static b => b, static b => b);

    private static readonly Gen<FeeLine> Line =
        from sn in Mostly("1", "2", "3")
        from code in Mostly(World.ClassA, World.ClassB, World.Capped, "UNKNOWN-CODE")
        from price in Amount
        from quantity in Amount
        from sum in Gen.Frequency((3, Gen.Const(0L)), (1, Amount))
        from date in Gen.Frequency((3, Gen.Const(string.Empty)), (1, Date))
        from approved in Gen.Bool
        select new FeeLine { FeedetlSn = sn, MedListCodg = code, Pric = price, Cnt = quantity, DetItemFeeSumamt = sum, FeeOcurTime = date, HospApprFlag = approved };

    private static readonly Gen<FeeLine[]> Lines = Gen.Frequency(
        (8, Line.Array[0, 5]),
        (1, Gen.Int[1_001, 1_050].Select(n => Enumerable.Range(0, n).Select(i => World.Line(i.ToString(System.Globalization.CultureInfo.InvariantCulture), World.ClassA, 1.00m, 1m)).ToArray())));

    private static readonly Gen<CatalogEntry> Entry =
        from code in Mostly("GEN-A", "GEN-B", "GEN-C")
        from name in Mostly("生成条目")
        from itemClass in Code(ItemClass.A, ItemClass.B, ItemClass.C)
        from selfpay in Gen.Frequency((3, Gen.Int[0, 10_000]), (1, Gen.Int))
        from cap in Amount
        from restricted in Gen.Bool
        select new CatalogEntry { MedListCodg = code, Name = name, ItemClass = itemClass, SelfpayBp = selfpay, PriceCap = cap, Restricted = restricted };

    private readonly TestNetwork _network = fixture.Network;
    private readonly RawHttp2 _unframed = new();
    private int _versionCounter;

    /// <summary>Every method of the public services and of NetworkService, by full name.</summary>
    public static TheoryData<string> AllMethods => [.. Methods().Select(m => m.FullName)];

    private TestNode TaiyuanNode => _network[Taiyuan];

    private TestNode ShanxiNode => _network[Shanxi];

    [Fact]
    public async Task SettlementService_GeneratedMalformedRequests_RefusedWithReasonNeverUnknownOrInternal()
    {
        var subject = await OpenVisitAsync();
        var client = TaiyuanNode.Settlement;
        var node = TaiyuanNode;
        var cases = Gen.OneOf(
            Malformed(GetPersonRequests(subject, TaiyuanHospital), () => ValidGetPerson(subject, TaiyuanHospital)).Select(r => Unary(r, client.GetPersonAsync)),
            Malformed(RegisterVisitRequests(subject), () => node.NewRegistration(subject.Person, MedType.GeneralOutpatient)).Select(r => Unary(r, client.RegisterVisitAsync)),
            Malformed(UploadRequests(subject), () => node.NewUpload(subject.Person, subject.Visit, [World.Line("9", World.ClassA, 1.00m, 1m)])).Select(r => Unary(r, client.UploadFeesAsync)),
            Malformed(SettleRequests(subject, TaiyuanHospital), () => node.NewSettle(subject.Person, subject.Visit)).Select(r => Unary(r, client.PreSettleAsync)),
            Malformed(SettleRequests(subject, TaiyuanHospital), () => node.NewSettle(subject.Person, subject.Visit)).Select(r => Unary(r, client.SettleAsync)),
            Malformed(CancelRequests(subject, TaiyuanHospital), () => ValidCancel(subject, TaiyuanHospital)).Select(r => Unary(r, client.CancelSettlementAsync)),
            Malformed(ReverseRequests(subject, TaiyuanHospital), () => ValidReverse(subject, TaiyuanHospital)).Select(r => Unary(r, client.ReverseAsync)),
            Malformed(DischargeRequests(subject), () => ValidDischarge(subject)).Select(r => Unary(r, client.DischargeAsync)));

        await cases.SampleAsync(c => AnsweredAsync(c, typed: true), iter: Cases, print: c => c.ToString());
    }

    [Fact]
    public async Task FilingService_GeneratedMalformedRequests_RefusedWithReasonNeverUnknownOrInternal()
    {
        var subject = await OpenVisitAsync();
        var filing = await _network.FileAsync(subject.Person, FilingClass.OtherTemporary, "110000", "2026-06-01");
        var client = TaiyuanNode.Filing;
        var (psnNo, insuplc, id) = (subject.Person.PsnNo, subject.Person.InsuplcAdmdvs, filing.FilingId);
        var psn = Mostly(psnNo);
        var filingId = Mostly(id);
        var msgid = Msgid(TaiyuanAgencySender);
        var cases = Gen.OneOf(
            Malformed(RegisterFilingRequests(subject), () => NewFiling(subject.Person, FilingClass.OtherTemporary, "2026-06-01")).Select(r => Unary(r, client.RegisterFilingAsync)),
            Malformed(
                from m in msgid from p in psn from i in Admdvs from f in filingId from e in Date
                select new ExtendFilingRequest { Msgid = m, PsnNo = p, InsuplcAdmdvs = i, FilingId = f, Enddate = e },
                () => new ExtendFilingRequest { Msgid = AgencyMsgid(), PsnNo = psnNo, InsuplcAdmdvs = insuplc, FilingId = id, Enddate = "2027-01-01" }).Select(r => Unary(r, client.ExtendFilingAsync)),
            Malformed(
                from m in msgid from p in psn from i in Admdvs from f in filingId
                select new RevokeFilingRequest { Msgid = m, PsnNo = p, InsuplcAdmdvs = i, FilingId = f },
                () => new RevokeFilingRequest { Msgid = AgencyMsgid(), PsnNo = psnNo, InsuplcAdmdvs = insuplc, FilingId = id }).Select(r => Unary(r, client.RevokeFilingAsync)),
            Malformed(
                from p in psn from i in Admdvs from f in filingId select new GetFilingRequest { PsnNo = p, InsuplcAdmdvs = i, FilingId = f },
                () => new GetFilingRequest { PsnNo = psnNo, InsuplcAdmdvs = insuplc, FilingId = id }).Select(r => Unary(r, client.GetFilingAsync)),
            Malformed(
                from p in psn from i in Admdvs select new ListFilingHistoryRequest { PsnNo = p, InsuplcAdmdvs = i },
                () => new ListFilingHistoryRequest { PsnNo = psnNo, InsuplcAdmdvs = insuplc }).Select(r => Unary(r, client.ListFilingHistoryAsync)));

        await cases.SampleAsync(c => AnsweredAsync(c, typed: true), iter: Cases, print: c => c.ToString());
    }

    [Fact]
    public async Task ReferenceDataService_GeneratedMalformedRequests_RefusedWithReasonNeverUnknownOrInternal()
    {
        var subject = await OpenVisitAsync();
        var client = TaiyuanNode.Agency;
        var (psnNo, insuplc) = (subject.Person.PsnNo, subject.Person.InsuplcAdmdvs);
        var psn = Mostly(psnNo);
        var msgid = Msgid(TaiyuanAgencySender);
        var money = Gen.Frequency((3, Gen.Long[-1_000, 1_000]), (1, Amount));
        // Never the hospitals the other tests of this class open visits at: a generated designation could end theirs.
        var institution = Mostly("H14010000066", "H14010000067");
        var cases = Gen.OneOf(
            Malformed(from m in msgid from p in Enrolments select new EnrolPersonRequest { Msgid = m, Person = p }, () => new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = ValidEnrolment() })
                .Select(r => Unary(r, client.EnrolPersonAsync)),
            Malformed(from m in msgid from p in Enrolments.Array[0, 3] select new EnrolPersonsRequest { Msgid = m, Persons = { p } }, () => new EnrolPersonsRequest { Msgid = AgencyMsgid(), Persons = { ValidEnrolment() } })
                .Array[1, 2].Select(EnrolmentStream),
            Malformed(
                from m in msgid from p in psn from i in Admdvs from active in Gen.Bool from t in Code(Insutype.Unspecified, Insutype.EmployeeBasic, Insutype.Maternity)
                from pt in Code(Enum.GetValues<PersonType>()) from civil in Gen.Bool
                select new UpdatePersonRequest { Msgid = m, PsnNo = p, InsuplcAdmdvs = i, InsuredActive = active, Insutype = t, PsnType = pt, CvlservFlag = civil },
                () => new UpdatePersonRequest { Msgid = AgencyMsgid(), PsnNo = psnNo, InsuplcAdmdvs = insuplc, AssistanceEligible = false }).Select(r => Unary(r, client.UpdatePersonAsync)),
            Malformed(
                from m in msgid from p in psn from i in Admdvs from a in money from reason in Mostly("年度划入")
                select new CreditAccountRequest { Msgid = m, PsnNo = p, InsuplcAdmdvs = i, Amount = a, Reason = reason },
                () => new CreditAccountRequest { Msgid = AgencyMsgid(), PsnNo = psnNo, InsuplcAdmdvs = insuplc, Amount = 1 }).Select(r => Unary(r, client.CreditAccountAsync)),
            Malformed(
                from m in msgid from p in psn from i in Admdvs from a in money from reason in Mostly("调整")
                select new AdjustAccountRequest { Msgid = m, PsnNo = p, InsuplcAdmdvs = i, Amount = a, Reason = reason },
                () => new AdjustAccountRequest { Msgid = AgencyMsgid(), PsnNo = psnNo, InsuplcAdmdvs = insuplc, Amount = -1, Reason = "调整" }).Select(r => Unary(r, client.AdjustAccountAsync)),
            Malformed(from p in psn from i in Admdvs select new ListPersonHistoryRequest { PsnNo = p, InsuplcAdmdvs = i }, () => new ListPersonHistoryRequest { PsnNo = psnNo, InsuplcAdmdvs = insuplc })
                .Select(r => Unary(r, client.ListPersonHistoryAsync)),
            Malformed(from p in psn from i in Admdvs select new ListAccountJournalRequest { PsnNo = p, InsuplcAdmdvs = i }, () => new ListAccountJournalRequest { PsnNo = psnNo, InsuplcAdmdvs = insuplc })
                .Select(r => Unary(r, client.ListAccountJournalAsync)),
            Malformed(
                from m in msgid from code in institution from name in Mostly("生成医院") from i in Admdvs from level in Code(Enum.GetValues<HospitalLevel>()) from begin in Date
                from end in Gen.Frequency((2, Gen.Const(string.Empty)), (1, Date))
                select new DesignateInstitutionRequest { Msgid = m, FixmedinsCode = code, FixmedinsName = name, Admdvs = i, HospLv = level, Begndate = begin, Enddate = end },
                () => new DesignateInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = "H14010000066", FixmedinsName = "生成医院", Admdvs = World.City, HospLv = HospitalLevel.Primary, Begndate = "2026-01-01" })
                .Select(r => Unary(r, client.DesignateInstitutionAsync)),
            Malformed(
                from m in msgid from code in institution from i in Admdvs select new SuspendInstitutionRequest { Msgid = m, FixmedinsCode = code, Admdvs = i },
                () => new SuspendInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = "H14010000066", Admdvs = World.City }).Select(r => Unary(r, client.SuspendInstitutionAsync)),
            Malformed(
                from m in msgid from code in institution from i in Admdvs from end in Date select new EndInstitutionRequest { Msgid = m, FixmedinsCode = code, Admdvs = i, Enddate = end },
                () => new EndInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = "H14010000066", Admdvs = World.City, Enddate = "2099-12-31" }).Select(r => Unary(r, client.EndInstitutionAsync)));

        await cases.SampleAsync(c => AnsweredAsync(c, typed: true), iter: Cases, print: c => c.ToString());
    }

    [Fact]
    public async Task CatalogService_GeneratedMalformedRequests_RefusedWithReasonNeverUnknownOrInternal()
    {
        // Lookups and downloads at the city, publications at the province (which hands valid ones to its cities).
        var city = TaiyuanNode.Catalog;
        var province = ShanxiNode.Catalog;
        var cases = Gen.OneOf(
            PublicationStreams(ShanxiAgencySender).Select(parts => Streamed(parts, options => province.PublishCatalog(options))),
            Malformed(
                from codes in Gen.Frequency((6, Mostly(World.ClassA, World.ClassC, "UNKNOWN-CODE").Array[0, 5]), (1, Gen.Int[1_001, 1_100].Select(n => Enumerable.Repeat(World.ClassA, n).ToArray())))
                from date in Gen.Frequency((1, Gen.Const(string.Empty)), (2, Date))
                select new LookupItemsRequest { MedListCodg = { codes }, Date = date },
                () => new LookupItemsRequest { MedListCodg = { World.ClassA, World.ClassB }, Date = "2026-06-10" }).Select(r => Unary(r, city.LookupItemsAsync)),
            Malformed(
                Mostly(string.Empty, World.CatalogVersion).Select(v => new DownloadCatalogRequest { CatalogVersion = v }),
                () => new DownloadCatalogRequest()).Select(r => Streaming(r, city.DownloadCatalog)));

        await cases.SampleAsync(c => AnsweredAsync(c, typed: true), iter: Cases, print: c => c.ToString());
    }

    [Fact]
    public async Task DiagnosticsService_CallsUnderEveryKindOfIdentity_RefusedWithReasonNeverUnknownOrInternal()
    {
        // The messages are empty, so what varies is the caller: counters are for operators and nodes only.
        var callers = Gen.OneOf(
            CallerIdentity.Operator("tester"), CallerIdentity.Node(Shanxi), CallerIdentity.Node("M-999900"),
            CallerIdentity.Institution(TaiyuanHospital), TerminalInvoker.AgencyOf(World.City));
        var cases = from caller in callers
                    from ping in Gen.Bool
                    let client = new DiagnosticsService.DiagnosticsServiceClient(TaiyuanNode.As(caller))
                    select ping ? Unary(new PingRequest(), client.PingAsync) : Unary(new ReadCountersRequest(), client.ReadCountersAsync);

        await cases.SampleAsync(c => AnsweredAsync(c, typed: true), iter: Cases / 4, print: c => c.ToString());
    }

    [Fact]
    public async Task NetworkService_GeneratedMalformedRequestsFromNeighbour_RefusedWithReasonNeverUnknownOrInternal()
    {
        // Shanxi, Taiyuan's parent, relays what entered the network at Jinzhong (settlement calls for Jinzhong's hospital,
        // a Jinzhong person's filing) or what Shanxi's agency published; the target header is itself generated.
        var subject = await OpenVisitAsync();
        var client = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Node(Shanxi)));
        var target = Gen.Frequency((6, Gen.Const(World.City)), (1, Gen.OneOf("", "1401", "140700", "999900", "000000", "14010x", new string('1', 300))));
        var forHospital = target.Select(t => RelayHeaders(t, origin: Jinzhong, CallerIdentity.Institution(JinzhongHospital)));
        var fromJinzhong = target.Select(t => RelayHeaders(t, origin: Jinzhong));
        var fromProvince = target.Select(t => RelayHeaders(t, origin: Shanxi, TerminalInvoker.AgencyOf("140000")));
        var cases = Gen.OneOf(
            Relayed(Malformed(GetPersonRequests(subject, JinzhongHospital), () => ValidGetPerson(subject, JinzhongHospital)), forHospital, client.FindPersonAsync),
            Relayed(Malformed(AdjudicateRequests(subject), () => ValidAdjudication(subject)), forHospital, client.AdjudicateAsync),
            Relayed(Malformed(CancelRequests(subject, JinzhongHospital), () => ValidCancel(subject, JinzhongHospital)), forHospital, client.CancelSettlementAsync),
            Relayed(Malformed(ReverseRequests(subject, JinzhongHospital), () => ValidReverse(subject, JinzhongHospital)), forHospital, client.ReverseAsync),
            Relayed(Malformed(PushedFilings(), ValidPushedFiling), fromJinzhong, client.PushFilingAsync),
            Relayed(
                Malformed(
                    from p in Mostly(subject.Person.PsnNo) from i in Admdvs from d in Gen.Frequency((3, Gen.Const("140700")), (1, Admdvs))
                    select new FetchFilingsRequest { PsnNo = p, InsuplcAdmdvs = i, DestAdmdvs = d },
                    () => new FetchFilingsRequest { PsnNo = subject.Person.PsnNo, InsuplcAdmdvs = World.City, DestAdmdvs = "140700" }),
                fromJinzhong,
                client.FetchFilingsAsync),
            from parts in PublicationStreams(ShanxiAgencySender)
            from headers in fromProvince
            select Streamed(parts, options => client.DistributeCatalog(options.WithHeaders(headers))));

        await cases.SampleAsync(c => AnsweredAsync(c, typed: true), iter: Cases, print: c => c.ToString());
    }

    [Fact]
    public async Task EveryMethod_GeneratedGarbageBodies_RefusedWithReasonNeverUnknownOrInternal()
    {
        // Mostly garbage in a well-formed gRPC frame (as a gRPC client sends any bytes); else the bytes are the whole
        // HTTP/2 body, not framed at all.
        var cases = from method in Gen.OneOf(Methods())
                    from body in Garbage
                    from framed in Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false)))
                    select new Case(
                        method.FullName,
                        () => $"{(framed ? "framed" : "unframed")}, {body.Length} bytes: {Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 64)))}",
                        () => framed ? SendRawAsync(method, body) : SendUnframedAsync(method, body));

        await cases.SampleAsync(c => AnsweredAsync(c, typed: false), iter: Cases * 2, print: c => c.ToString());
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task EveryMethod_UnparsableBody_InvalidArgumentNamingTheMessageItTakes(string fullName)
    {
        var method = Methods().Single(m => m.FullName == fullName);

        foreach (var body in Unparsable)
        {
            var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => SendRawAsync(method, body));

            Assert.Contains(method.InputType.FullName, failure.Message, StringComparison.Ordinal);
            Assert.Single(failure.Violations);
        }
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task EveryMethod_BodyThatIsNotOneGrpcFrame_InvalidArgumentWithReason(string fullName)
    {
        var method = Methods().Single(m => m.FullName == fullName);

        foreach (var body in NotFrames)
        {
            var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => SendUnframedAsync(method, body));

            // A client stream is read message by message: a complete first message that is refused (an empty one
            // lacks its msgid, or a 3202 stream its header) is the answer before the bad frame behind it is read.
            Assert.True(
                failure.Message.Contains("gRPC frame", StringComparison.Ordinal) || (method.IsClientStreaming && failure.Violations.Any(v => v.Field is "msgid" or "header")),
                failure.Message);
            Assert.NotEmpty(failure.Violations);
        }

        // A frame announcing 2 GiB: refused from its header, before anything is read, as too large (with a reason).
        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", () => SendUnframedAsync(method, [0x00, 0x7F, 0xFF, 0xFF, 0xFF]));
    }

    [Fact]
    public async Task HealthCheck_UnparsableBody_InvalidArgumentWithReason()
    {
        // The framework's own health service, open to any caller, refuses garbage like the node's services.
        var check = new Method<byte[], byte[]>(MethodType.Unary, "grpc.health.v1.Health", "Check", PassThrough, PassThrough);
        using var anonymous = TaiyuanNode.Anonymous();
        var invoker = anonymous.CreateCallInvoker();

        foreach (var body in Unparsable)
        {
            var failure = await RpcAssert.FailsAsync(
                StatusCode.InvalidArgument,
                "INVALID_REQUEST",
                () => invoker.AsyncUnaryCall(check, null, new CallOptions(deadline: DateTime.UtcNow + CallDeadline), body).ResponseAsync);

            Assert.Single(failure.Violations);
        }
    }

    [Fact]
    public async Task RegisterFiling_TemporaryFilingBeginningOn99991231_InvalidArgumentNamingBegndateAndNothingFiled()
    {
        // Six months after 9999-12-31 is past the last date .NET can hold; the default end date used to crash the handler.
        var person = await TaiyuanNode.AddPersonAsync();
        var request = NewFiling(person, FilingClass.OtherTemporary, begndate: "9999-12-31");

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => TaiyuanNode.Filing.RegisterFilingAsync(request).ResponseAsync);

        Assert.Contains("1900-01-01 to 2199-12-31", failure.Names("begndate").Description, StringComparison.Ordinal);
        Assert.Single(failure.Violations);
        await AssertNothingFiledAsync(person);
    }

    [Fact]
    public async Task RegisterFiling_InsuplcAdmdvsOfFourDigits_InvalidArgumentNamingItAndNothingFiled()
    {
        // The destination is compared with the insured city; a 4-digit code used to crash taking its city part.
        var person = await TaiyuanNode.AddPersonAsync();
        var request = NewFiling(person, FilingClass.OtherTemporary, begndate: "2026-06-01");
        request.InsuplcAdmdvs = "1401";

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => TaiyuanNode.Filing.RegisterFilingAsync(request).ResponseAsync);

        failure.Names("insuplc_admdvs");
        Assert.Single(failure.Violations);
        await AssertNothingFiledAsync(person);
    }

    [Fact]
    public async Task PushFiling_UpdatedAtInYearOne_InvalidArgumentNamingUpdatedAtAndNothingCached()
    {
        // 0001-01-01 00:00:00 China time is before the first instant in UTC; it used to crash the conversion. Shanxi,
        // Taiyuan's parent, relays a Jinzhong person's referral to Taiyuan, as the insured city would push it.
        var person = await _network[Jinzhong].AddPersonAsync();
        var filing = new Filing
        {
            FilingId = "F1407000000000099",
            Version = 1,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs,
            FilingClass = FilingClass.Referral,
            DestAdmdvs = World.City,
            Begndate = "2026-06-01",
            Enddate = "2026-11-30",
            Status = FilingStatus.Active,
            UpdatedAt = "0001-01-01 00:00:00",
        };
        var fromProvince = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Node(Shanxi)));

        var failure = await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            "INVALID_REQUEST",
            () => fromProvince.PushFilingAsync(filing, RelayHeaders(World.City, origin: Jinzhong)).ResponseAsync);

        failure.Names("updated_at");
        Assert.Single(failure.Violations);
        Assert.Empty(await TaiyuanNode.ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));

        // The same version with a real time is taken: the refusal was about the time alone.
        filing.UpdatedAt = "2026-06-01 08:00:00";
        var held = await fromProvince.PushFilingAsync(filing, RelayHeaders(World.City, origin: Jinzhong));
        Assert.Equal(1, held.HeldVersion);
        Assert.Single(await TaiyuanNode.ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));
    }

    [Fact]
    public async Task Reverse_OinfnoOfThousandCharacters_FailedPreconditionWithShortMessageAndSmallTrailers()
    {
        // A 1,000-character oinfno used to be echoed whole: 13 KB of trailers, which clients refuse (RESOURCE_EXHAUSTED)
        // instead of reading the refusal. Chinese characters take 9 bytes each once percent-encoded in grpc-message.
        var person = await TaiyuanNode.AddPersonAsync();
        var request = new ReverseRequest
        {
            Msgid = TaiyuanNode.NextMsgid(),
            FixmedinsCode = TaiyuanHospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs,
            Omsgid = TaiyuanNode.NextMsgid(),
            Oinfno = new string('冲', 1_000),
        };

        var exception = await Assert.ThrowsAsync<RpcException>(() => TaiyuanNode.Settlement.ReverseAsync(request).ResponseAsync);

        var failure = RpcAssert.Describe(exception);
        Assert.Equal((StatusCode.FailedPrecondition, "REVERSAL_NOT_SUPPORTED"), (failure.Code, failure.Reason));
        Assert.True(failure.Message.Length < 300, $"{failure.Message.Length} characters: {failure.Message}");
        Assert.Contains(new string('冲', Echo.MaxValueLength) + "…", failure.Message, StringComparison.Ordinal);
        Assert.True(TrailerBytes(exception) < 2_048, $"{TrailerBytes(exception)} bytes of trailers");
    }

    [Fact]
    public async Task UploadFees_ThousandLinesEachWrongTwice_RefusalListsTheFirstSixteenWithinTheTrailerBudget()
    {
        // 2,000 violations: every line's serial number is 100 Chinese characters (at most 64) and its price negative.
        // Listed whole, they made a status of hundreds of kilobytes no client reads.
        var person = await TaiyuanNode.AddPersonAsync();
        var visit = await TaiyuanNode.RegisterVisitAsync(person, MedType.GeneralOutpatient);
        var lines = Enumerable.Range(0, 1_000).Select(i => World.Line(new string('明', 96) + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), World.ClassA, -1.00m, 1m));

        var exception = await Assert.ThrowsAsync<RpcException>(() => TaiyuanNode.Settlement.UploadFeesAsync(TaiyuanNode.NewUpload(person, visit, lines)).ResponseAsync);

        var failure = RpcAssert.Describe(exception);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (failure.Code, failure.Reason));
        Assert.Equal(RpcErrors.MaxViolations, failure.Violations.Count);
        failure.Names("fee_lines[0].feedetl_sn");
        failure.Names("fee_lines[0].pric");
        Assert.Contains("and 1997 more", failure.Message, StringComparison.Ordinal);
        Assert.True(TrailerBytes(exception) <= MaxTrailerBytes, $"{TrailerBytes(exception)} bytes of trailers");
    }

    [Fact]
    public async Task UploadFees_BodyOf31Megabytes_RefusedAsMessageTooLargeNotUnknown()
    {
        // 31,000 lines of 1,000-character serial numbers: about 31.2 MB, above Kestrel's default body limit (30,000,000
        // bytes) and below the node's largest message limit (64 MiB, for catalogs). Kestrel used to cut the read and the
        // caller heard UNKNOWN; SettlementService's own limit (4 MiB) now refuses it from the frame header, unread.
        var person = await TaiyuanNode.AddPersonAsync();
        var visit = await TaiyuanNode.RegisterVisitAsync(person, MedType.GeneralOutpatient);
        var lines = Enumerable.Range(0, 31_000).Select(i => World.Line(i.ToString("D1000", System.Globalization.CultureInfo.InvariantCulture), World.ClassA, 1.00m, 1m));
        var request = TaiyuanNode.NewUpload(person, visit, lines);
        Assert.InRange(request.CalculateSize(), 31_000_000, 64 * 1024 * 1024);

        var failure = await RpcAssert.FailsAsync(() => TaiyuanNode.Settlement.UploadFeesAsync(request).ResponseAsync);

        Assert.Equal((StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE"), (failure.Code, failure.Reason));
        var stored = await TaiyuanNode.ReadVisitAsync(person.PsnNo, visit);
        Assert.Equal(0, stored!.LineCount);
    }

    // ---- Sending and judging ------------------------------------------------------------------------------------------

    /// <summary>One generated call: its method and request (printed for a failing case) and how to send it.</summary>
    private sealed record Case(string Method, Func<string> Request, Func<Task> Send)
    {
        public override string ToString() => $"{Method} {Echo.Cut(Request(), 600)}";
    }

    private static async Task AnsweredAsync(Case c, bool typed)
    {
        try
        {
            await c.Send();
        }
        catch (RpcException ex)
        {
            AssertRefusal(ex, typed, c.ToString());
        }
    }

    /// <summary>
    /// A refusal as DESIGN.md §7 wants it: not UNKNOWN or INTERNAL; an ErrorInfo reason; RESOURCE_EXHAUSTED only for a
    /// message too large (a client that cannot read the trailers has no reason to show); a bounded message and trailers;
    /// INVALID_ARGUMENT with field violations. A typed request always parses, so every violation
    /// of one names a field: an unnamed one is the last-resort mapping, meaning some check missed the value.
    /// </summary>
    private static void AssertRefusal(RpcException ex, bool typed, string what)
    {
        Assert.False(ex.StatusCode is StatusCode.Unknown or StatusCode.Internal, $"{what} answered {ex.StatusCode}: {Echo.Cut(ex.Status.Detail, 300)}");
        var failure = RpcAssert.Describe(ex);
        Assert.False(string.IsNullOrEmpty(failure.Reason), $"{what}: {ex.StatusCode} without a reason");
        Assert.True(
            ex.StatusCode != StatusCode.ResourceExhausted || failure.Reason == "MESSAGE_TOO_LARGE",
            $"{what}: RESOURCE_EXHAUSTED ({failure.Reason}) for a message that is not too large: {failure.Message}");
        Assert.True(failure.Message.Length <= RpcErrors.MaxMessageLength, $"{what}: a message of {failure.Message.Length} characters");
        Assert.True(TrailerBytes(ex) <= MaxTrailerBytes, $"{what}: {TrailerBytes(ex)} bytes of trailers");
        if (ex.StatusCode == StatusCode.InvalidArgument)
        {
            Assert.True(failure.Violations.Count > 0, $"{what}: INVALID_ARGUMENT without field violations: {failure.Message}");
            Assert.True(!typed || failure.Violations.All(v => v.Field.Length > 0), $"{what}: refused by the last-resort mapping: {failure.Message}");
        }
    }

    /// <summary>The size of the trailers as sent: grpc-message percent-encoded, binary values base64-encoded.</summary>
    private static int TrailerBytes(RpcException ex)
    {
        var total = 0;
        foreach (var b in Encoding.UTF8.GetBytes(ex.Status.Detail))
        {
            total += b is >= 0x20 and <= 0x7E and not (byte)'%' ? 1 : 3;
        }

        foreach (var entry in ex.Trailers)
        {
            total += entry.Key.Length + (entry.IsBinary ? (entry.ValueBytes.Length + 2) / 3 * 4 : entry.Value.Length);
        }

        return total;
    }

    private static Case Unary<TRequest, TResponse>(TRequest request, Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> send)
        where TRequest : IMessage => new(
            request.Descriptor.Name,
            () => Printed(request),
            async () =>
            {
                using var call = send(request, new CallOptions(deadline: DateTime.UtcNow + CallDeadline));
                await call.ResponseAsync;
            });

    private static Case Streaming<TRequest, TResponse>(TRequest request, Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> send)
        where TRequest : IMessage => new(
            request.Descriptor.Name,
            () => Printed(request),
            async () =>
            {
                using var call = send(request, new CallOptions(deadline: DateTime.UtcNow + CallDeadline));
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            });

    // A publication stream: its parts go one by one, and the node may answer (refuse) before the last is written.
    private static Case Streamed(PublishCatalogRequest[] parts, Func<CallOptions, AsyncClientStreamingCall<PublishCatalogRequest, PublishCatalogResponse>> open) => new(
        $"PublishCatalogRequest stream of {parts.Length}",
        () => string.Join(" | ", parts.Select(Printed)),
        () => CatalogParts.SendAsync(open(new CallOptions(deadline: DateTime.UtcNow + CallDeadline)), parts));

    private static Gen<Case> Relayed<TRequest, TResponse>(Gen<TRequest> requests, Gen<Metadata> headers, Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> send)
        where TRequest : IMessage =>
        from request in requests
        from h in headers
        select new Case(
            request.Descriptor.Name,
            () => $"[target {Echo.Cut(h.GetValue("adjudication-target"))}] {Printed(request)}",
            async () =>
            {
                using var call = send(request, new CallOptions(h, DateTime.UtcNow + CallDeadline));
                await call.ResponseAsync;
            });

    // JSON of the request; a lone surrogate the generator made has no JSON form.
    private static string Printed(IMessage request)
    {
        try
        {
            return request.ToString() ?? string.Empty;
        }
        catch (ArgumentException)
        {
            return $"({request.Descriptor.Name} with a string JSON cannot show)";
        }
    }

    private static MethodDescriptor[] Methods() => ServiceMethods.All();

    /// <inheritdoc />
    public void Dispose() => _unframed.Dispose();

    /// <summary>Sends <paramref name="body"/> as the whole HTTP/2 body of a call of <paramref name="method"/>, without gRPC's framing.</summary>
    private Task SendUnframedAsync(MethodDescriptor method, byte[] body)
    {
        var (node, caller, headers) = Receiver(method);
        return _unframed.SendAsync(node, caller, $"/{method.Service.FullName}/{method.Name}", headers, body);
    }

    /// <summary>Sends <paramref name="body"/> as it is to <paramref name="method"/>, under a caller the access rules let in.</summary>
    private Task SendRawAsync(MethodDescriptor method, byte[] body)
    {
        var (node, caller, headers) = Receiver(method);
        return ServiceMethods.SendRawAsync(node, caller, headers, method, body, CallDeadline);
    }

    private (TestNode Node, CallerIdentity Caller, Metadata? Headers) Receiver(MethodDescriptor method) => ServiceMethods.AllowedCaller(_network, method);

    // ---- Generators ---------------------------------------------------------------------------------------------------

    /// <summary>A Taiyuan person with an open visit at Taiyuan's hospital (one fee line), so generated calls can reach deep.</summary>
    private sealed record Subject(PersonProfile Person, string Visit);

    private async Task<Subject> OpenVisitAsync()
    {
        var person = await TaiyuanNode.AddPersonAsync(balanceFen: 100_000);
        var visit = await TaiyuanNode.OpenVisitAsync(person, MedType.GeneralOutpatient, [World.Line("1", World.ClassA, 10.00m, 1m)]);
        return new Subject(person, visit);
    }

    /// <summary>
    /// A third of the cases from <paramref name="generated"/> (several fields broken at once, with values that make sense
    /// for the field), the rest a <paramref name="valid"/> request with one field broken, so every field's check is reached.
    /// </summary>
    private static Gen<T> Malformed<T>(Gen<T> generated, Func<T> valid)
        where T : IMessage<T>, new() => Gen.Frequency((1, generated), (2, OneFieldBroken(valid)));

    private string AgencyMsgid() => TaiyuanNode.NextMsgid(TaiyuanAgencySender);

    private static GetPersonRequest ValidGetPerson(Subject s, string hospital) => new()
    {
        FixmedinsCode = hospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = s.Person.CertNo, InsuplcAdmdvs = s.Person.InsuplcAdmdvs,
    };

    private CancelSettlementRequest ValidCancel(Subject s, string hospital) => new()
    {
        Msgid = TaiyuanNode.NextMsgid(hospital), FixmedinsCode = hospital, PsnNo = s.Person.PsnNo, InsuplcAdmdvs = s.Person.InsuplcAdmdvs,
        MdtrtId = s.Visit, SetlId = "S0123456789abcdef0123456789abcdef",
    };

    private ReverseRequest ValidReverse(Subject s, string hospital) => new()
    {
        Msgid = TaiyuanNode.NextMsgid(hospital), FixmedinsCode = hospital, PsnNo = s.Person.PsnNo, InsuplcAdmdvs = s.Person.InsuplcAdmdvs,
        Omsgid = TaiyuanNode.NextMsgid(hospital), Oinfno = "2207",
    };

    private DischargeRequest ValidDischarge(Subject s) => new()
    {
        Msgid = TaiyuanNode.NextMsgid(), FixmedinsCode = TaiyuanHospital, PsnNo = s.Person.PsnNo, InsuplcAdmdvs = s.Person.InsuplcAdmdvs,
        MdtrtId = s.Visit, Endtime = "2026-06-11 09:00:00",
    };

    // A version that takes effect long after the tests' dates, so a valid publication changes no classification here.
    private PublishCatalogRequest ValidPublication(string sender) => new()
    {
        Msgid = TaiyuanNode.NextMsgid(sender),
        CatalogVersion = "valid." + Interlocked.Increment(ref _versionCounter),
        EffectiveDate = "2099-01-01",
        Entries =
        {
            new CatalogEntry { MedListCodg = "GEN-A", Name = "生成条目", ItemClass = ItemClass.B, SelfpayBp = 1_000, PriceCap = 5_000_000 },
            new CatalogEntry { MedListCodg = "GEN-C", Name = "生成丙类", ItemClass = ItemClass.C },
        },
    };

    /// <summary>The insured city's half of a dry run of a Jinzhong outpatient visit of the subject: 100.00 of class A.</summary>
    private AdjudicateRequest ValidAdjudication(Subject s)
    {
        var settle = TaiyuanNode.NewSettle(s.Person, "140700" + "VISIT" + Interlocked.Increment(ref _versionCounter), hospital: JinzhongHospital);
        return new AdjudicateRequest
        {
            Settle = settle,
            Commit = false,
            Visit = new VisitSummary
            {
                MdtrtId = settle.MdtrtId, FixmedinsCode = JinzhongHospital, HospLv = HospitalLevel.Tertiary, MdtrtareaAdmvs = "140700",
                Insutype = Insutype.EmployeeBasic, MedType = MedType.GeneralOutpatient, Begntime = World.VisitTime, DiseCodg = "I10",
                MedfeeSumamt = 10_000, InscpScpAmt = 10_000,
            },
        };
    }

    private static Filing ValidPushedFiling() => new()
    {
        FilingId = "F1407000000000001", Version = 1, PsnNo = "1407000000009999", InsuplcAdmdvs = "140700", FilingClass = FilingClass.Referral,
        DestAdmdvs = World.City, Begndate = "2026-06-01", Enddate = "2026-11-30", Status = FilingStatus.Active, UpdatedAt = "2026-06-01 08:00:00",
    };

    /// <summary>Mostly a fresh well-formed msgid of <paramref name="sender"/>, else the wrong length, a bad time, another sender's, junk.</summary>
    private Gen<string> Msgid(string sender) => Gen.Frequency(
        (4, Gen.Const(() => TaiyuanNode.NextMsgid(sender))),
        (1, Gen.OneOf(sender + "20260615100000", sender + "20261315100000" + "0001", World.OtherHospital + "20260615100000" + "0001", sender + "20260615100000" + "00A1")),
        (1, Junk));

    private static Gen<string> Fixmedins(string hospital) => Gen.Frequency(
        (4, Gen.Const(hospital)),
        (1, Gen.OneOf(World.OtherHospital, "P14010000001", "H1401000000", "X14010000001", "h14010000001")),
        (1, Junk));

    /// <summary>The fields every terminal call carries: sender, msgid, person and insured region.</summary>
    private Gen<(string Fix, string Msgid, string Psn, string Insuplc)> TerminalFields(Subject s, string hospital) =>
        from fix in Fixmedins(hospital)
        from msgid in Msgid(FixmedinsCode.IsValid(fix) ? fix : hospital)
        from psn in Mostly(s.Person.PsnNo)
        from insuplc in Admdvs
        select (fix, msgid, psn, insuplc);

    private static Gen<GetPersonRequest> GetPersonRequests(Subject s, string hospital) =>
        from fix in Fixmedins(hospital)
        from certType in Code(MdtrtCertType.EVoucher, MdtrtCertType.IdCard, MdtrtCertType.SocialSecurityCard)
        from certNo in Mostly(s.Person.CertNo)
        from insuplc in Admdvs
        select new GetPersonRequest { FixmedinsCode = fix, MdtrtCertType = certType, MdtrtCertNo = certNo, InsuplcAdmdvs = insuplc };

    private Gen<RegisterVisitRequest> RegisterVisitRequests(Subject s) =>
        from t in TerminalFields(s, TaiyuanHospital)
        from insutype in Code(Insutype.EmployeeBasic, Insutype.ResidentBasic, Insutype.Maternity)
        from medType in Code(Enum.GetValues<MedType>())
        from begin in Time
        from disease in Mostly("I10")
        from chronic in Gen.Frequency((3, Gen.Const(string.Empty)), (1, Mostly(World.ChronicDisease)))
        from area in Gen.Frequency((3, Gen.Const(string.Empty)), (1, Admdvs))
        select new RegisterVisitRequest
        {
            Msgid = t.Msgid, FixmedinsCode = t.Fix, PsnNo = t.Psn, InsuplcAdmdvs = t.Insuplc, Insutype = insutype, MedType = medType,
            Begntime = begin, DiseCodg = disease, ChronicDiseCodg = chronic, MdtrtareaAdmvs = area,
        };

    private Gen<UploadFeesRequest> UploadRequests(Subject s) =>
        from t in TerminalFields(s, TaiyuanHospital)
        from mdtrt in Mostly(s.Visit)
        from lines in Lines
        select new UploadFeesRequest { Msgid = t.Msgid, FixmedinsCode = t.Fix, PsnNo = t.Psn, InsuplcAdmdvs = t.Insuplc, MdtrtId = mdtrt, FeeLines = { lines } };

    private Gen<SettleRequest> SettleRequests(Subject s, string hospital) =>
        from t in TerminalFields(s, hospital)
        from mdtrt in Mostly(s.Visit)
        from account in Gen.Bool
        select new SettleRequest { Msgid = t.Msgid, FixmedinsCode = t.Fix, PsnNo = t.Psn, InsuplcAdmdvs = t.Insuplc, MdtrtId = mdtrt, AcctUsedFlag = account };

    private Gen<CancelSettlementRequest> CancelRequests(Subject s, string hospital) =>
        from t in TerminalFields(s, hospital)
        from mdtrt in Mostly(s.Visit)
        from setl in Mostly("S0123456789abcdef0123456789abcdef")
        select new CancelSettlementRequest { Msgid = t.Msgid, FixmedinsCode = t.Fix, PsnNo = t.Psn, InsuplcAdmdvs = t.Insuplc, MdtrtId = mdtrt, SetlId = setl };

    private Gen<ReverseRequest> ReverseRequests(Subject s, string hospital) =>
        from t in TerminalFields(s, hospital)
        from original in Msgid(hospital)
        from oinfno in Mostly("2207", "2304", "2208")
        select new ReverseRequest { Msgid = t.Msgid, FixmedinsCode = t.Fix, PsnNo = t.Psn, InsuplcAdmdvs = t.Insuplc, Omsgid = original, Oinfno = oinfno };

    private Gen<DischargeRequest> DischargeRequests(Subject s) =>
        from t in TerminalFields(s, TaiyuanHospital)
        from mdtrt in Mostly(s.Visit)
        from end in Time
        select new DischargeRequest { Msgid = t.Msgid, FixmedinsCode = t.Fix, PsnNo = t.Psn, InsuplcAdmdvs = t.Insuplc, MdtrtId = mdtrt, Endtime = end };

    private Gen<RegisterFilingRequest> RegisterFilingRequests(Subject s) =>
        from msgid in Msgid(TaiyuanAgencySender)
        from psn in Mostly(s.Person.PsnNo)
        from insuplc in Admdvs
        from filingClass in Code(Enum.GetValues<FilingClass>())
        from dest in Gen.Frequency((3, Gen.OneOf("110000", "140700", "110100")), (2, Admdvs))
        from begin in Date
        from end in Gen.Frequency((2, Gen.Const(string.Empty)), (1, Date))
        from chronic in Gen.Frequency((2, Gen.Const(string.Empty)), (1, Mostly(World.ChronicDisease)))
        select new RegisterFilingRequest
        {
            Msgid = msgid, PsnNo = psn, InsuplcAdmdvs = insuplc, FilingClass = filingClass, DestAdmdvs = dest, Begndate = begin, Enddate = end,
            ChronicDiseCodg = chronic,
        };

    /// <summary>
    /// Publication streams: a generated first message (or none at all), then sometimes further parts, mostly
    /// well-formed, sometimes naming another version or carrying generated entries. A valid stream is
    /// <see cref="ValidPublication"/> cut into parts of one entry.
    /// </summary>
    private Gen<PublishCatalogRequest[]> PublicationStreams(string sender) =>
        Gen.Frequency(
            (1, Gen.Const(static () => Array.Empty<PublishCatalogRequest>())),
            (12, from first in Malformed(Publications(sender), () => ValidPublication(sender))
                 from later in Gen.Frequency((2, Gen.Const(static () => Array.Empty<PublishCatalogRequest>())), (1, LaterParts.Array[1, 3]))
                 select (PublishCatalogRequest[])[first, .. later]),
            (2, Gen.Const(() => CatalogParts.Split(ValidPublication(sender), entriesPerMessage: 1).ToArray())));

    private static Gen<PublishCatalogRequest> LaterParts =>
        from version in Gen.Frequency((4, Gen.Const(string.Empty)), (1, Junk))
        from msgid in Gen.Frequency((4, Gen.Const(string.Empty)), (1, Junk))
        from entries in Entry.Array[0, 3]
        select new PublishCatalogRequest { Msgid = msgid, CatalogVersion = version, Entries = { entries } };

    private Gen<PublishCatalogRequest> Publications(string sender) =>
        from msgid in Msgid(sender)
        from version in Gen.Frequency((3, Gen.Const(() => "gen." + Interlocked.Increment(ref _versionCounter))), (1, Junk))
        from effective in Date
        from entries in Entry.Array[0, 4]
        select new PublishCatalogRequest { Msgid = msgid, CatalogVersion = version, EffectiveDate = effective, Entries = { entries } };

    /// <summary>The insured city's half of a Jinzhong visit of the subject, as Jinzhong's node would send it, with generated faults.</summary>
    private Gen<AdjudicateRequest> AdjudicateRequests(Subject s) =>
        from settle in Gen.Frequency((6, SettleRequests(s, JinzhongHospital).Select(r => (SettleRequest?)r)), (1, Gen.Const(static () => (SettleRequest?)null)))
        from commit in Gen.Bool
        from same in Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))
        from level in Code(HospitalLevel.Primary, HospitalLevel.Secondary, HospitalLevel.Tertiary, HospitalLevel.Unrated)
        from area in Gen.Frequency((4, Gen.Const("140700")), (1, Admdvs))
        from insutype in Code(Insutype.EmployeeBasic, Insutype.ResidentBasic)
        from medType in Code(Enum.GetValues<MedType>())
        from begin in Time
        from texts in Junk.Array[2]
        from amounts in Amount.Array[5]
        select new AdjudicateRequest
        {
            Settle = settle,
            Commit = commit,
            Visit = new VisitSummary
            {
                MdtrtId = same ? settle?.MdtrtId ?? string.Empty : texts[0], FixmedinsCode = same ? settle?.FixmedinsCode ?? string.Empty : texts[1],
                HospLv = level, MdtrtareaAdmvs = area, Insutype = insutype, MedType = medType, Begntime = begin, DiseCodg = texts[0], ChronicDiseCodg = texts[1],
                MedfeeSumamt = amounts[0], FulamtOwnpayAmt = amounts[1], OverlmtSelfpay = amounts[2], PreselfpayAmt = amounts[3], InscpScpAmt = amounts[4],
            },
        };

    /// <summary>A Jinzhong person's filing version pushed toward Taiyuan, with generated faults.</summary>
    private static Gen<Filing> PushedFilings() =>
        from id in Mostly("F1407000000000001")
        from version in Gen.Frequency((3, Gen.Long[1, 100]), (1, Amount))
        from psn in Mostly("1407000000009999")
        from insuplc in Gen.Frequency((4, Gen.Const("140700")), (1, Admdvs))
        from filingClass in Code(Enum.GetValues<FilingClass>())
        from dest in Gen.Frequency((4, Gen.Const(World.City)), (1, Admdvs))
        from begin in Date
        from end in Gen.Frequency((1, Gen.Const(string.Empty)), (2, Date))
        from status in Code(FilingStatus.Active, FilingStatus.Revoked)
        from chronic in Gen.Frequency((3, Gen.Const(string.Empty)), (1, Junk))
        from updated in Time
        select new Filing
        {
            FilingId = id, Version = version, PsnNo = psn, InsuplcAdmdvs = insuplc, FilingClass = filingClass, DestAdmdvs = dest, Begndate = begin,
            Enddate = end, Status = status, ChronicDiseCodg = chronic, UpdatedAt = updated,
        };

    /// <summary>Persons as an agency enrols them, with generated faults; psn_no mostly of a small set, so some rows meet again.</summary>
    private static Gen<PersonEnrolment> Enrolments =>
        from psn in Mostly("GEN0001", "GEN0002")
        from insuplc in Gen.Frequency((3, Gen.Const(World.City)), (1, Admdvs))
        from name in Mostly("生成人员")
        from certno in Mostly("140100199001010011", "14010019900101001X")
        from insutype in Code(Insutype.EmployeeBasic, Insutype.ResidentBasic, Insutype.Maternity)
        from type in Code(Enum.GetValues<PersonType>())
        from flags in Gen.Bool.Array[4]
        select new PersonEnrolment
        {
            PsnNo = psn, InsuplcAdmdvs = insuplc, PsnName = name, Certno = certno, Insutype = insutype, PsnType = type,
            InsuredActive = flags[0], CvlservFlag = flags[1], EnterpriseSupplementary = flags[2], AssistanceEligible = flags[3],
        };

    private static PersonEnrolment ValidEnrolment() => new()
    {
        PsnNo = "GEN0003", InsuplcAdmdvs = World.City, PsnName = "生成人员", Certno = "140100199001010038", Insutype = Insutype.ResidentBasic,
        PsnType = PersonType.ResidentAdult, InsuredActive = true,
    };

    // A bulk enrolment stream: its batches go one by one, and the node may answer (refuse) before the last is written.
    private Case EnrolmentStream(EnrolPersonsRequest[] batches) => new(
        $"EnrolPersonsRequest stream of {batches.Length}",
        () => string.Join(" | ", batches.Select(Printed)),
        () => TaiyuanNode.Agency.EnrolPersons(new CallOptions(deadline: DateTime.UtcNow + CallDeadline)).SendAllAsync(batches));

    private RegisterFilingRequest NewFiling(PersonProfile person, FilingClass filingClass, string begndate) => new()
    {
        Msgid = TaiyuanNode.NextMsgid(TaiyuanAgencySender),
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = person.InsuplcAdmdvs,
        FilingClass = filingClass,
        DestAdmdvs = "110000",
        Begndate = begndate,
    };

    private async Task AssertNothingFiledAsync(PersonProfile person)
    {
        var history = await TaiyuanNode.Filing.ListFilingHistoryAsync(new ListFilingHistoryRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = person.InsuplcAdmdvs });
        Assert.Empty(history.Versions);
    }
}
