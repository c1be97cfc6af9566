using System.Net;
using System.Text.Json.Nodes;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests.Gateway;

/// <summary>
/// What real HIS send, well and badly, to the JSON gateway (issue 17): a body that is not a JSON object is HTTP 400 with
/// an answer envelope; every other fault is HTTP 200 with infcode −1 and an err_msg starting with the reason code; never
/// an HTTP 500. Numbers as strings, nulls, unknown fields and any key order are served.
/// </summary>
public sealed class GatewayBadInputTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IDisposable
{
    private readonly TestNode _node = fixture.Node;
    private readonly JsonTerminal _his = new(fixture.Node, CallerIdentity.Institution(Hospital));

    public static TheoryData<string> NotEnvelopes => ["infno=1101&msgid=1", "", "   ", "[]", "[{\"infno\":\"1101\"}]", "\"1101\"", "42", "null", "{\"infno\":", "{'infno':'1101'}"];

    public static TheoryData<string> EnvelopeFields => ["infno", "msgid", "mdtrtarea_admvs", "fixmedins_code", "inf_time", "input"];

    public static TheoryData<string> Unsupported => ["2202", "2203", "2205", "2302", "2404", "2405", "9001", "9101"];

    /// <summary>A field of an envelope replaced by a value of the wrong kind: (path, JSON value).</summary>
    public static TheoryData<string, string> WrongTypes => new()
    {
        { "infno", "{\"a\":1}" },
        { "msgid", "[1,2]" },
        { "input", "\"data\"" },
        { "input.data", "17" },
        { "input.data.psn_no", "{}" },
        { "input.data.acct_used_flag", "\"yes\"" },
        { "input.data.medfee_sumamt", "true" },
        { "input.data.medfee_sumamt", "\"12,50\"" },
        { "input.data.medfee_sumamt", "1e400" },
        { "inf_time", "\"2026/06/15\"" },
        { "mdtrtarea_admvs", "\"14A100\"" },
    };

    [Theory]
    [MemberData(nameof(NotEnvelopes))]
    public async Task Post_NotAnEnvelopeObject_Http400WithInfcodeMinusOne(string body)
    {
        // Act
        var (status, answer) = await _his.PostAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[INVALID_REQUEST]", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EnvelopeCutAnywhere_Http400NeverServerError()
    {
        // Arrange: a valid 2207 envelope, cut at every 5th character (a connection dropped mid-body).
        var text = _his.Envelope("2207", SettleInput("1401000000000001", "M1")).ToJsonString();

        // Act / Assert
        for (var length = 0; length < text.Length - 1; length += 5)
        {
            var (status, answer) = await _his.PostAsync(text[..length]);
            Assert.True(status == HttpStatusCode.BadRequest, $"cut at {length}: HTTP {(int)status}");
            Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(EnvelopeFields))]
    public async Task Post_EnvelopeFieldMissing_InfcodeMinusOneNamingTheField(string field)
    {
        // Arrange
        var envelope = _his.Envelope("1101", Person1101("140100198001019999"));
        envelope.Remove(field);

        // Act
        var answer = await _his.CallAsync(envelope);

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        var message = answer.GetProperty("err_msg").GetString()!;
        Assert.StartsWith("[INVALID_REQUEST]", message, StringComparison.Ordinal);
        Assert.Contains(field + " is required", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Post_FieldOfWrongType_InfcodeMinusOneNamingTheField(string path, string value)
    {
        // Arrange: a 2206 envelope with one field replaced.
        var envelope = _his.Envelope("2206", SettleInput("1401000000000001", "M1"));
        Replace(envelope, path, JsonNode.Parse(value));

        // Act
        var answer = await _his.CallAsync(envelope);

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        var message = answer.GetProperty("err_msg").GetString()!;
        Assert.StartsWith("[INVALID_REQUEST]", message, StringComparison.Ordinal);
        Assert.Contains(path, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownInfno_TransactionNotSupported()
    {
        // Act
        var answer = await _his.CallAsync(_his.Envelope("7777", Person1101("140100198001019999")));

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[TRANSACTION_NOT_SUPPORTED] Transaction '7777' is not one this node serves", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task Post_NationalTransactionWithoutCounterpart_TransactionNotSupportedSayingWhatToDo(string infno)
    {
        // Act
        var answer = await _his.CallAsync(_his.Envelope(infno, new JsonObject { ["data"] = new JsonObject { ["psn_no"] = "1401000000000001" } }));

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        var message = answer.GetProperty("err_msg").GetString()!;
        Assert.StartsWith($"[TRANSACTION_NOT_SUPPORTED] Transaction {infno}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AmountWithThreeDecimals_RefusedNamingTheFieldAndNothingStored()
    {
        // Arrange: an open visit.
        var person = await _node.AddPersonAsync();
        var mdtrtId = await _node.RegisterVisitAsync(person, Contracts.V1.MedType.GeneralOutpatient);
        var row = new JsonObject
        {
            ["feedetl_sn"] = "1", ["mdtrt_id"] = mdtrtId, ["psn_no"] = person.PsnNo, ["med_list_codg"] = ClassA,
            ["pric"] = 120.001, ["cnt"] = 1, ["det_item_fee_sumamt"] = "120.001", ["fee_ocur_time"] = VisitTime,
        };

        // Act
        var answer = await _his.CallAsync(_his.Envelope("2204", new JsonObject { ["feedetail"] = new JsonArray(row) }));

        // Assert: both the amount (N16,2) and the price (N16,6 allows it) are read exactly: only the amount is refused.
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        var message = answer.GetProperty("err_msg").GetString()!;
        Assert.Contains("input.feedetail[0].det_item_fee_sumamt must be yuan with at most 2 decimals", message, StringComparison.Ordinal);
        Assert.DoesNotContain("pric", message, StringComparison.Ordinal);
        Assert.Equal(0, (await _node.ReadVisitAsync(person.PsnNo, mdtrtId))!.LineCount);
    }

    [Fact]
    public async Task Post_NumbersAsStringsNullsUnknownFieldsAnyKeyOrder_Served()
    {
        // Arrange: a 1101 as some HIS write it: keys reversed, nulls, extra fields, the cert type as a number.
        var person = await _node.AddPersonAsync(balanceFen: 1_001);
        var envelope = _his.Envelope("1101", new JsonObject
        {
            ["vendor_extension"] = new JsonObject { ["x"] = 1 },
            ["data"] = new JsonObject { ["psn_name"] = null, ["certno"] = person.CertNo, ["mdtrt_cert_no"] = person.CertNo, ["mdtrt_cert_type"] = 2, ["card_sn"] = null },
        });
        envelope["sign_no"] = null;
        envelope["unknown_field"] = JsonNode.Parse("[1, {\"a\": null}]");
        var reversed = new JsonObject();
        foreach (var (key, value) in envelope.Reverse().ToList())
        {
            reversed[key] = value?.DeepClone();
        }

        // Act
        var output = await _his.OkAsync(reversed);

        // Assert
        Assert.Equal(person.PsnNo, output.GetProperty("baseinfo").GetProperty("psn_no").GetString());
        Assert.Equal("10.01", output.GetProperty("insuinfo")[0].GetProperty("balc").GetRawText());
    }

    [Fact]
    public async Task Post_FixmedinsCodeOfAnotherInstitution_InstitutionMismatch()
    {
        // Arrange: the certificate is Hospital's; the envelope names OtherHospital.
        var envelope = _his.Envelope("1101", Person1101("140100198001019999"));
        envelope["fixmedins_code"] = OtherHospital;

        // Act
        var answer = await _his.CallAsync(envelope);

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[INSTITUTION_MISMATCH]", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutClientCertificate_NoIdentity()
    {
        // Arrange
        using var anonymous = new JsonTerminal(_node, CallerIdentity.Institution(Hospital), presentCertificate: false);

        // Act
        var answer = await anonymous.CallAsync(anonymous.Envelope("1101", Person1101("140100198001019999")));

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[NO_IDENTITY]", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AgencyCertificateFor2207_CallerNotAllowed()
    {
        // Arrange: the city's agency may file, not settle (DESIGN.md §8).
        using var agency = new JsonTerminal(_node, TerminalInvoker.AgencyOf(City));

        // Act
        var answer = await agency.CallAsync(agency.Envelope("2207", SettleInput("1401000000000001", "M1")));

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[CALLER_NOT_ALLOWED]", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiInfno_PathAndEnvelopeDisagree_RefusedNamingBoth()
    {
        // Act
        var answer = await _his.CallAsync(_his.Envelope("2207", SettleInput("1401000000000001", "M1")), "/api/2206");

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.Contains("infno is 2207 but the path names 2206", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TreatmentDivisionOfAnotherCity_RefusedSayingWhereToSend()
    {
        // Arrange
        var envelope = _his.Envelope("1101", Person1101("140100198001019999"));
        envelope["mdtrtarea_admvs"] = "110100";

        // Act
        var answer = await _his.CallAsync(envelope);

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.Contains("Send the envelope to the node of the city where the care is given", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _his.Dispose();

    private static JsonObject Person1101(string certno) => new()
    {
        ["data"] = new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = certno, ["psn_cert_type"] = "01", ["certno"] = certno, ["psn_name"] = "某某" },
    };

    private static JsonObject SettleInput(string psnNo, string mdtrtId) => new()
    {
        ["data"] = new JsonObject { ["psn_no"] = psnNo, ["mdtrt_id"] = mdtrtId, ["medfee_sumamt"] = "100.00", ["acct_used_flag"] = "1", ["insutype"] = "310", ["med_type"] = "11" },
    };

    // Sets the value at a dotted path of the envelope (the last segment is replaced, or added).
    private static void Replace(JsonObject envelope, string path, JsonNode? value)
    {
        var names = path.Split('.');
        JsonNode node = envelope;
        foreach (var name in names[..^1])
        {
            node = node[name]!;
        }

        node.AsObject()[names[^1]] = value;
    }
}
