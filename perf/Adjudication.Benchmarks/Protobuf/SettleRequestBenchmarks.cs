using Adjudication.Benchmarks.Fixtures;
using Adjudication.Cli.Demo;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Classification;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;

namespace Adjudication.Benchmarks.Protobuf;

/// <summary>
/// Wire cost of the settlement messages: a 20-line fee upload, its 20 line results, and the settlement (the split; line
/// results come with the upload, not the settle).
/// </summary>
public class SettleRequestBenchmarks
{
    private UploadFeesRequest _upload = null!;
    private byte[] _uploadBytes = [];
    private UploadFeesResponse _results = null!;
    private byte[] _resultsBytes = [];
    private SettleResponse _response = null!;
    private byte[] _responseBytes = [];

    /// <summary>Builds both messages from the demo bill, classified against the demo catalog.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var entries = DemoBill.CatalogEntries();
        var version = DemoBill.CatalogSet(entries).InForceOn(DemoBill.FeeDate)!;
        var lines = DemoBill.Lines(entries);
        _upload = DemoBill.UploadRequest(lines);
        _uploadBytes = _upload.ToByteArray();

        _response = new SettleResponse
        {
            SetlId = "S1401002026112000000042",
            MdtrtId = _upload.MdtrtId,
            PsnNo = _upload.PsnNo,
            SetlTime = "2026-11-20 10:42:17",
        };
        _results = new UploadFeesResponse();
        var totals = default(ItemTotals);
        foreach (var line in lines)
        {
            var entry = version.TryFind(line.Code, out var e) ? e : null;
            if (!ItemClassifier.TryClassify(in line, entry, out var c))
            {
                continue;
            }

            totals = totals.Add(in c);
            _results.Results.Add(Adjudication.Node.Mapping.ProtoMapping.ToResult(line.FeedetlSn, line.Code, c, version.Version));
        }

        var policy = DemoPolicies.Employee("140100");
        var split = Adjudication.Domain.Settlement.SettlementEngine.Compute(
            new Adjudication.Domain.Settlement.SettlementInput(
                totals,
                Adjudication.Domain.Policy.MedType.Inpatient,
                Adjudication.Domain.Policy.HospitalLevel.Tertiary,
                Adjudication.Domain.Policy.PersonType.EmployeeInService,
                AssistanceEligible: false,
                new Adjudication.Domain.Eligibility.EligibilityDecision(Adjudication.Domain.Eligibility.Scope.CrossProvince, Adjudication.Domain.Eligibility.FilingClass.Referral, false, 1_000),
                UseAccount: true,
                new Adjudication.Domain.Units.Money(1_250_000),
                Adjudication.Domain.Settlement.YearAccumulators.Empty),
            policy).Split;
        _response.Split = new SettlementSplit
        {
            MedfeeSumamt = split.MedFeeSum.Fen,
            FulamtOwnpayAmt = split.FullOwnPay.Fen,
            OverlmtSelfpay = split.OverLimit.Fen,
            PreselfpayAmt = split.PreSelfPay.Fen,
            InscpScpAmt = split.InScope.Fen,
            ActPayDedc = split.Deductible.Fen,
            HifpPay = split.BasicFund.Fen,
            PoolPropSelfpay = split.BasicRatioBp,
            HifobPay = split.LargeAmount.Fen,
            HifmiPay = split.CriticalIllness.Fen,
            MafPay = split.Assistance.Fen,
            FundPaySumamt = split.FundPaySum.Fen,
            PsnPartAmt = split.PersonalPart.Fen,
            AcctPay = split.AccountPay.Fen,
            PsnCashPay = split.CashPay.Fen,
            Balc = split.BalanceAfter.Fen,
            HifpRatioBp = split.BasicRatioBp,
            FilingClass = FilingClass.Referral,
        };
        _responseBytes = _response.ToByteArray();
        _results.MedfeeSumamt = totals.MedFeeSum.Fen;
        _resultsBytes = _results.ToByteArray();
    }

    /// <summary>Parses the 20-line upload as the node receives it.</summary>
    [Benchmark]
    public UploadFeesRequest ParseUploadFeesRequest() => UploadFeesRequest.Parser.ParseFrom(_uploadBytes);

    /// <summary>Serializes the 20-line upload as the terminal sends it.</summary>
    [Benchmark]
    public byte[] WriteUploadFeesRequest() => _upload.ToByteArray();

    /// <summary>Parses the upload's 20 line results as the terminal receives them.</summary>
    [Benchmark]
    public UploadFeesResponse ParseUploadFeesResponse() => UploadFeesResponse.Parser.ParseFrom(_resultsBytes);

    /// <summary>Serializes the upload's 20 line results as the node sends them.</summary>
    [Benchmark]
    public byte[] WriteUploadFeesResponse() => _results.ToByteArray();

    /// <summary>Parses the settlement response as the terminal receives it.</summary>
    [Benchmark]
    public SettleResponse ParseSettleResponse() => SettleResponse.Parser.ParseFrom(_responseBytes);

    /// <summary>Serializes the settlement response as the node sends it.</summary>
    [Benchmark]
    public byte[] WriteSettleResponse() => _response.ToByteArray();
}
