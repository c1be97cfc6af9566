using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// A call acts only on what its caller owns (DESIGN.md §7 PERMISSION_DENIED, §8 "a call for another institution is
/// refused"): an institution touches only visits and settlements it registered, and a visit is found only under the
/// person it belongs to.
/// </summary>
public sealed class IdentityBoundaryTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task Settle_ByAnotherInstitution_PermissionDeniedInstitutionMismatch()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);

        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "INSTITUTION_MISMATCH",
            () => _node.Settlement.SettleAsync(_node.NewSettle(person, visit, hospital: OtherHospital)).ResponseAsync);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, (await _node.ReadPersonAsync(person.PsnNo)).Accumulators);
    }

    [Fact]
    public async Task CancelSettlement_ByAnotherInstitution_PermissionDeniedAndSettlementStands()
    {
        // Arrange: settled at the tertiary hospital. 300.00 class A: dedc 20,000; eligible 10,000; hifp 5,500.
        var person = await _node.AddPersonAsync();
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit));

        // Act: another hospital's terminal cancels it (with a msgid of its own, so the msgid check passes).
        var cancel = new CancelSettlementRequest
        {
            Msgid = _node.NextMsgid(OtherHospital),
            FixmedinsCode = OtherHospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = visit,
            SetlId = settled.SetlId,
        };

        // Assert: refused, and the settlement and the accumulators stand.
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "INSTITUTION_MISMATCH", () => _node.Settlement.CancelSettlementAsync(cancel).ResponseAsync);
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(20_000, state.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(5_500, state.Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task Discharge_ByAnotherInstitution_PermissionDeniedInstitutionMismatch()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.Inpatient);
        var discharge = new DischargeRequest
        {
            Msgid = _node.NextMsgid(OtherHospital),
            FixmedinsCode = OtherHospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = visit,
            Endtime = "2026-06-12 10:00:00",
        };

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "INSTITUTION_MISMATCH", () => _node.Settlement.DischargeAsync(discharge).ResponseAsync);
    }

    [Fact]
    public async Task PreSettle_VisitOfAnotherPerson_NotFoundVisitNotFound()
    {
        // Arrange: person A's visit at the hospital (300.00 class A), freshly uploaded; person B of the same city.
        var a = await _node.AddPersonAsync();
        var b = await _node.AddPersonAsync();
        var visitOfA = await _node.OpenVisitAsync(a, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);

        // Act + Assert: the visit is stored under A; asked under B's psn_no it does not exist, whatever the node cached.
        await RpcAssert.FailsAsync(
            StatusCode.NotFound,
            "VISIT_NOT_FOUND",
            () => _node.Settlement.PreSettleAsync(_node.NewSettle(b, visitOfA)).ResponseAsync);
        await RpcAssert.FailsAsync(
            StatusCode.NotFound,
            "VISIT_NOT_FOUND",
            () => _node.Settlement.SettleAsync(_node.NewSettle(b, visitOfA)).ResponseAsync);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, (await _node.ReadPersonAsync(b.PsnNo)).Accumulators);
    }
}
