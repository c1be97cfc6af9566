using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Security;
using Grpc.Net.Client;

namespace Adjudication.Cli.Import;

/// <summary>The kinds <c>adjudication import</c> loads, each with the sender that takes its rows to a node.</summary>
internal static class ImportKinds
{
    /// <summary>Senders by kind name, made for the channel and the agency calling through it.</summary>
    public static IReadOnlyDictionary<string, Func<GrpcChannel, CallerIdentity, IRowSender>> Senders { get; } =
        new Dictionary<string, Func<GrpcChannel, CallerIdentity, IRowSender>>(StringComparer.Ordinal)
        {
            ["persons"] = (channel, agency) => new PersonSender(new ReferenceDataService.ReferenceDataServiceClient(channel), new AgencyMsgids(agency.Id, TimeProvider.System)),
            ["institutions"] = (channel, _) => new InstitutionSender(new ReferenceDataService.ReferenceDataServiceClient(channel)),
            ["accounts"] = (channel, _) => new AccountSender(new ReferenceDataService.ReferenceDataServiceClient(channel)),
            ["policies"] = (channel, _) => PublicationSender<PublishPolicyRequest>.Policies(new PolicyService.PolicyServiceClient(channel)),
            ["zones"] = (channel, _) => PublicationSender<PublishZoneRequest>.Zones(new PolicyService.PolicyServiceClient(channel)),
        };
}
