using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Mapping;
using DomainPolicy = Adjudication.Domain.Policy.SettlementPolicy;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The seed of a test node, loaded through its API as its agencies load reference data (DESIGN.md §12): institutions
/// through ReferenceDataService and policies through PolicyService, under the certificate of the city's agency
/// (<see cref="TerminalInvoker.AgencyOf"/>). Every call carries a fixed msgid, so a seed retried after a store outage
/// replays what got in instead of publishing a policy version twice.
/// </summary>
public static class AgencySeed
{
    /// <summary>The effective date of the seeded policies: before every visit of the tests.</summary>
    public const string PolicyEffectiveDate = "2000-01-01";

    /// <summary>The seed msgid number <paramref name="sequence"/> of the agency of <paramref name="admdvs"/>.</summary>
    public static string Msgid(string admdvs, int sequence) => $"{TerminalInvoker.AgencyOf(admdvs).Id}20260101000000{sequence:D4}";

    /// <summary>Designates an institution of the node's city from 2020-01-01, open-ended.</summary>
    public static Task<DesignatedInstitution> DesignateAsync(TestNode node, int sequence, string code, string name, HospitalLevel level) =>
        node.Agency.DesignateInstitutionAsync(new DesignateInstitutionRequest
        {
            Msgid = Msgid(node.Options.Admdvs, sequence),
            FixmedinsCode = code,
            FixmedinsName = name,
            Admdvs = node.Options.Admdvs,
            HospLv = level,
            Begndate = "2020-01-01",
        }).ResponseAsync;

    /// <summary>Suspends the designation of an institution of the node's city (定点暂停).</summary>
    public static Task<DesignatedInstitution> SuspendAsync(TestNode node, int sequence, string code) =>
        node.Agency.SuspendInstitutionAsync(new SuspendInstitutionRequest { Msgid = Msgid(node.Options.Admdvs, sequence), FixmedinsCode = code, Admdvs = node.Options.Admdvs }).ResponseAsync;

    /// <summary>Publishes <paramref name="policy"/> as a version of the node's city, in force from <see cref="PolicyEffectiveDate"/>.</summary>
    public static Task<PolicyVersion> PublishPolicyAsync(TestNode node, int sequence, DomainPolicy policy)
    {
        var proto = PolicyMapping.ToProto(policy).Policy;
        proto.EffectiveDate = PolicyEffectiveDate;
        return node.Policy.PublishPolicyAsync(new PublishPolicyRequest { Msgid = Msgid(node.Options.Admdvs, sequence), Policy = proto }).ResponseAsync;
    }
}
