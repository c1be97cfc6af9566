using System.Text.Json.Nodes;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using static Adjudication.IntegrationTests.Infrastructure.JsonInputs;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests.Gateway;

/// <summary>
/// The filing transactions through the JSON gateway (issue 17), sent by the city's agency under its own certificate:
/// 2503 files a chronic disease, which a 门诊慢特病 visit then settles under; 2504 revokes it, and the next such visit is
/// refused as over gRPC. A hospital may not file.
/// </summary>
public sealed class GatewayFilingTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task Filing2503ThenRevoked2504_ChronicVisitSettlesThenIsRefusedChronicDiseaseNotFiled()
    {
        // Arrange: a resident on dialysis; the agency and the hospital as JSON terminals.
        using var agency = new JsonTerminal(_node, TerminalInvoker.AgencyOf(City));
        using var his = new JsonTerminal(_node, CallerIdentity.Institution(Hospital));
        var person = await _node.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult);
        var filing = Data(new JsonObject { ["psn_no"] = person.PsnNo, ["insutype"] = "390", ["opsp_dise_code"] = ChronicDisease, ["opsp_dise_name"] = "尿毒症透析", ["begndate"] = "2026-01-01" });

        // Act
        var filed = await agency.OkAsync(agency.Envelope("2503", filing.DeepClone().AsObject()));
        var serial = filed.GetProperty("result").GetProperty("trt_dcla_detl_sn").GetString()!;
        var first = await ChronicVisitAsync(his, person);
        await agency.OkAsync(agency.Envelope("2504", Data(new JsonObject { ["trt_dcla_detl_sn"] = serial, ["psn_no"] = person.PsnNo, ["memo"] = "撤销" })));
        var second = await ChronicVisitAsync(his, person);
        var byHospital = await his.CallAsync(his.Envelope("2503", filing.DeepClone().AsObject()));

        // Assert
        Assert.Equal(0, first.GetProperty("infcode").GetInt32());
        Assert.Equal(45_000, JsonAmounts.Fen(first.GetProperty("output").GetProperty("setlinfo"), "medfee_sumamt"));
        Assert.Equal(-1, second.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[CHRONIC_DISEASE_NOT_FILED]", second.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(-1, byHospital.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[CALLER_NOT_ALLOWED]", byHospital.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    // 2201 (med_type 14 with the disease) → 2204 → 2207; the 2207 answer envelope.
    private static async Task<System.Text.Json.JsonElement> ChronicVisitAsync(JsonTerminal his, Domain.Persons.PersonProfile person)
    {
        var registration = Registration(person, "14");
        registration["opsp_dise_code"] = ChronicDisease;
        var mdtrtId = (await his.OkAsync(his.Envelope("2201", Data(registration)))).GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        await his.OkAsync(his.Envelope("2204", new JsonObject { ["feedetail"] = new JsonArray(FeeRow("1", person, mdtrtId, ClassA, "450.00", "1", "450.00")) }));
        return await his.CallAsync(his.Envelope("2207", Data(Settle(person, mdtrtId, "450.00"))));
    }
}
