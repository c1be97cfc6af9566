using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Malformed input is INVALID_ARGUMENT with a BadRequest naming every offending field (DESIGN.md §7), never INTERNAL,
/// and commits nothing.
/// </summary>
public sealed class BadInputTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task RegisterVisit_MalformedInsuplcAdmdvs_InvalidArgumentNamingIt()
    {
        var person = await _node.AddPersonAsync();
        var request = _node.NewRegistration(person, MedType.GeneralOutpatient);
        request.InsuplcAdmdvs = "14010";

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.RegisterVisitAsync(request).ResponseAsync);

        failure.Names("insuplc_admdvs");
        Assert.Single(failure.Violations);
    }

    [Fact]
    public async Task RegisterVisit_MalformedFixmedinsCode_InvalidArgumentNamingIt()
    {
        var person = await _node.AddPersonAsync();
        var request = _node.NewRegistration(person, MedType.GeneralOutpatient);
        request.FixmedinsCode = "X14010000001";

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.RegisterVisitAsync(request).ResponseAsync);

        failure.Names("fixmedins_code");
    }

    [Theory]
    [InlineData("")]
    [InlineData("H1401000000120260615100000")] // 26 characters: the sequence is missing
    [InlineData("H14010000001202613151000000001")] // month 13
    [InlineData("H14010000001202606151000000A01")] // sequence not numeric
    [InlineData("H14010000002202606151000000001")] // another institution's msgid
    public async Task Settle_MalformedMsgid_InvalidArgumentNamingMsgid(string msgid)
    {
        var person = await _node.AddPersonAsync();
        var request = _node.NewSettle(person, "140100000000999999");
        request.Msgid = msgid;

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.SettleAsync(request).ResponseAsync);

        failure.Names("msgid");
        Assert.Single(failure.Violations);
    }

    [Fact]
    public async Task RegisterVisit_UnknownEnumValues_InvalidArgumentNamingEach()
    {
        var person = await _node.AddPersonAsync();
        var request = _node.NewRegistration(person, (MedType)99);
        request.Insutype = (Insutype)999;
        request.Begntime = "2026-06-10T09:00:00";

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.RegisterVisitAsync(request).ResponseAsync);

        // Every bad field in one answer, so the terminal fixes everything in one round.
        Assert.Contains("99", failure.Names("med_type").Description, StringComparison.Ordinal);
        Assert.Contains("999", failure.Names("insutype").Description, StringComparison.Ordinal);
        failure.Names("begntime");
        Assert.Equal(3, failure.Violations.Count);
    }

    [Fact]
    public async Task GetPerson_UnknownCertType_InvalidArgumentNamingIt()
    {
        var request = new GetPersonRequest { FixmedinsCode = Hospital, MdtrtCertType = (MdtrtCertType)7, MdtrtCertNo = "x", InsuplcAdmdvs = City };

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.GetPersonAsync(request).ResponseAsync);

        failure.Names("mdtrt_cert_type");
    }

    [Fact]
    public async Task UploadFees_NegativePrice_InvalidArgumentNamingTheLine()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);

        var failure = await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            "INVALID_REQUEST",
            () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit, [Line("1", ClassA, 10.00m, 1m), Line("2", ClassA, -0.01m, 1m)])).ResponseAsync);

        failure.Names("fee_lines[1].pric");
        Assert.Single(failure.Violations);
        await AssertNoFeesAsync(person, visit);
    }

    [Fact]
    public async Task UploadFees_PriceTimesQuantityOverflows_InvalidArgumentNamingTheLine()
    {
        // long.MaxValue micros × long.MaxValue micros is about 8.5 × 10^37 × 10^-10 fen: far beyond an int64 of fen.
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);
        var line = new FeeLine { FeedetlSn = "1", MedListCodg = ClassA, Pric = long.MaxValue, Cnt = long.MaxValue };

        var failure = await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            "INVALID_REQUEST",
            () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit, [line])).ResponseAsync);

        failure.Names("fee_lines[0].pric");
        await AssertNoFeesAsync(person, visit);
    }

    [Fact]
    public async Task UploadFees_LinesWhoseTotalOverflows_InvalidArgumentAndNothingStored()
    {
        // Each line alone fits: 5,000,000,000.00 yuan × 10,000,000 = 5 × 10^18 fen < 9.22 × 10^18 = long.MaxValue.
        // Together they do not: 10^19 fen. The visit's medfee_sumamt cannot be represented; the node must refuse the
        // upload as bad input and store none of it.
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);
        FeeLine Huge(string sn) => new() { FeedetlSn = sn, MedListCodg = ClassC, Pric = 5_000_000_000_000_000, Cnt = 10_000_000_000_000 };

        var failure = await RpcAssert.FailsAsync(
            () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit, [Huge("1"), Huge("2")])).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.Code);
        await AssertNoFeesAsync(person, visit);
    }

    [Fact]
    public async Task UploadFees_NoLines_InvalidArgumentNamingFeeLines()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit, [])).ResponseAsync);

        failure.Names("fee_lines");
    }

    [Fact]
    public async Task UploadFees_MoreThanThousandLines_InvalidArgumentNamingFeeLinesButThousandAccepted()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);
        var lines = Enumerable.Range(1, 1_001).Select(i => Line(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), ClassA, 1.00m, 1m)).ToList();

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit, lines)).ResponseAsync);

        Assert.Contains("1001", failure.Names("fee_lines").Description, StringComparison.Ordinal);
        await AssertNoFeesAsync(person, visit);

        // The limit itself is accepted: 1,000 lines of 1.00 yuan = 100,000 fen.
        var accepted = await _node.UploadAsync(person, visit, lines.Take(1_000));
        Assert.Equal(1_000, accepted.Results.Count);
        Assert.Equal(100_000, accepted.MedfeeSumamt);
    }

    [Fact]
    public async Task UploadFees_AmountDiffersFromPriceTimesQuantity_FeeAmountMismatchNamingTheFeedetlSn()
    {
        // 12.345 × 3 = 37.035 yuan = 3,703.5 fen → 3,704 (half away from zero). The terminal truncated to 3,703.
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);

        var failure = await RpcAssert.FailsAsync(
            StatusCode.InvalidArgument,
            "FEE_AMOUNT_MISMATCH",
            () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit,
            [
                Line("OK-1", ClassA, 12.345m, 3m, amountFen: 3_704),
                Line("BAD-2", ClassA, 12.345m, 3m, amountFen: 3_703),
            ])).ResponseAsync);

        var violation = failure.Names("fee_lines[1].det_item_fee_sumamt");
        Assert.Contains("BAD-2", violation.Description, StringComparison.Ordinal);
        Assert.Single(failure.Violations);
        await AssertNoFeesAsync(person, visit);
    }

    [Fact]
    public async Task Discharge_EndBeforeAdmission_InvalidArgumentNamingEndtime()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.Inpatient);
        var request = new DischargeRequest
        {
            Msgid = _node.NextMsgid(),
            FixmedinsCode = Hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = visit,
            Endtime = "2026-06-09 09:00:00",
        };

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Settlement.DischargeAsync(request).ResponseAsync);

        failure.Names("endtime");
    }

    // Nothing of a refused upload was stored: Redis holds no line and zero totals, and the node has nothing to settle.
    private async Task AssertNoFeesAsync(Domain.Persons.PersonProfile person, string visit)
    {
        var stored = await _node.ReadVisitAsync(person.PsnNo, visit);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.LineCount);
        Assert.Equal(default, stored.Totals);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "NO_FEE_LINES", () => _node.Settlement.PreSettleAsync(_node.NewSettle(person, visit)).ResponseAsync);
    }
}
