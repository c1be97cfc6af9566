using System.Globalization;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Units;
using Contract = Adjudication.Contracts.V1.Policies;
using ContractLevel = Adjudication.Contracts.V1.HospitalLevel;
using ContractPersonType = Adjudication.Contracts.V1.PersonType;
using Engine = Adjudication.Domain.Policy;
using DomainFilingClass = Adjudication.Domain.Eligibility.FilingClass;
using DomainScope = Adjudication.Domain.Eligibility.Scope;

namespace Adjudication.Node.Mapping;

/// <summary>
/// Policies and integration zones between the contract (policy.proto) and the engine. Mapping never refuses: a code
/// the engine does not know maps to a value the validators name as a problem of its field, so every problem is listed
/// at once (DESIGN.md §7, §12).
/// </summary>
public static class PolicyMapping
{
    /// <summary>The engine's policy for a published one; <paramref name="effective"/> is checked by the caller.</summary>
    public static Engine.SettlementPolicy ToDomain(Contract.Policy policy, DateOnly effective) => new(
        policy.InsuplcAdmdvs,
        (Engine.Insutype)policy.Insutype,
        Version: 0,
        [.. policy.Deductibles.Select(d => new Engine.DeductibleRule((Engine.MedGroup)d.MedGroup, Level(d.HospLv), new Money(d.Amount), (Engine.DeductibleBasis)d.Basis))],
        [.. policy.Ratios.Select(r => new Engine.RatioRule((Engine.MedGroup)r.MedGroup, Level(r.HospLv), PersonType(r.PsnType), r.RatioBp))],
        [.. policy.Reductions.Select(r => new Engine.Reduction((DomainFilingClass)r.FilingClass, (DomainScope)r.Scope, r.ReductionBp))],
        [.. policy.FundLayers.Select(LayerToDomain)])
    {
        EffectiveDate = effective,
    };

    /// <summary>The contract's form of a stored version.</summary>
    public static Contract.PolicyVersion ToProto(Engine.SettlementPolicy policy)
    {
        var proto = new Contract.Policy
        {
            InsuplcAdmdvs = policy.InsuplcAdmdvs,
            Insutype = (Contracts.V1.Insutype)policy.Insutype,
            EffectiveDate = policy.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        proto.Deductibles.AddRange(policy.Deductibles.Select(d => new Contract.DeductibleRule
        {
            MedGroup = (Contract.MedGroup)d.Group, HospLv = (ContractLevel)(d.Level ?? 0), Amount = d.Amount.Fen, Basis = (Contract.DeductibleBasis)d.Basis,
        }));
        proto.Ratios.AddRange(policy.Ratios.Select(r => new Contract.RatioRule
        {
            MedGroup = (Contract.MedGroup)r.Group, HospLv = (ContractLevel)(r.Level ?? 0), PsnType = (ContractPersonType)(r.PersonType ?? 0), RatioBp = r.RatioBp,
        }));
        proto.Reductions.AddRange(policy.Reductions.Select(r => new Contract.ReductionRule
        {
            FilingClass = (Contracts.V1.FilingClass)r.Class, Scope = (Contract.Scope)r.Scope, ReductionBp = r.ReductionBp,
        }));
        proto.FundLayers.AddRange(policy.FundLayers.Select(LayerToProto));
        return new Contract.PolicyVersion { Version = policy.Version, Policy = proto };
    }

    /// <summary>The engine's zone for a published one (its version is assigned by the province).</summary>
    public static Engine.IntegrationZone ToDomain(Contract.IntegrationZone zone) =>
        new(zone.Name, [.. zone.MemberAdmdvs], zone.ReductionBp) { Version = zone.Version };

    /// <summary>The contract's form of a zone held here.</summary>
    public static Contract.IntegrationZone ToProto(Engine.IntegrationZone zone) => new()
    {
        Name = zone.Name,
        MemberAdmdvs = { zone.Members },
        ReductionBp = zone.ReductionBp,
        Version = zone.Version,
        ProvinceAdmdvs = zone.Members.Count > 0 && Admdvs.IsValid(zone.Members[0]) ? Admdvs.ProvinceOf(zone.Members[0]) : string.Empty,
    };

    // Coverage and measure start at 1 in the contract (0 is "unspecified") and at 0 in the engine: unspecified maps to
    // -1, which the validator names as not a known code.
    private static Engine.FundLayer LayerToDomain(Contract.FundLayer layer) => new(
        (Engine.FundPayType)layer.FundPayType,
        (Engine.FundCoverage)((int)layer.Coverage - 1),
        (Engine.FundMeasure)((int)layer.Measure - 1),
        [.. layer.Bands.Select(b => new Engine.Band(b.Lo, b.Hi == 0 ? long.MaxValue : b.Hi, b.RatioBp))],
        new Money(layer.YearlyCap),
        layer.PaysAtVisitRatio);

    private static Contract.FundLayer LayerToProto(Engine.FundLayer layer)
    {
        var proto = new Contract.FundLayer
        {
            FundPayType = (int)layer.FundPayType,
            Coverage = (Contract.FundCoverage)((int)layer.Coverage + 1),
            Measure = (Contract.FundMeasure)((int)layer.Measure + 1),
            YearlyCap = layer.YearlyCap.Fen,
            PaysAtVisitRatio = layer.PaysAtVisitRatio,
        };
        proto.Bands.AddRange(layer.Bands.Select(b => new Contract.Band { Lo = b.Lo, Hi = b.Hi == long.MaxValue ? 0 : b.Hi, RatioBp = b.RatioBp }));
        return proto;
    }

    private static Engine.HospitalLevel? Level(ContractLevel level) => level == ContractLevel.Unspecified ? null : (Engine.HospitalLevel)level;

    private static Engine.PersonType? PersonType(ContractPersonType type) => type == ContractPersonType.Unspecified ? null : (Engine.PersonType)type;
}
