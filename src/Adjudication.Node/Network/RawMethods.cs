using System.Collections.Frozen;
using Adjudication.Contracts.V1;
using Grpc.Core;

namespace Adjudication.Node.Network;

/// <summary>
/// The methods of <c>adjudication.v1.NetworkService</c> with a pass-through marshaller: a relay receives and sends the
/// request bytes as they are, so a hop that only routes never parses or re-serializes a message (DESIGN.md §3).
/// </summary>
internal static class RawMethods
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    /// <summary>Every NetworkService method by its name: unary, or client-streaming where the contract streams (catalogs).</summary>
    public static readonly FrozenDictionary<string, Method<byte[], byte[]>> ByName = NetworkService.Descriptor.Methods
        .ToFrozenDictionary(m => m.Name, m => new Method<byte[], byte[]>(
            m.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary, NetworkService.Descriptor.FullName, m.Name, Bytes, Bytes));

    public const string FindPerson = nameof(NetworkService.NetworkServiceClient.FindPerson);
    public const string Adjudicate = nameof(NetworkService.NetworkServiceClient.Adjudicate);
    public const string CancelSettlement = nameof(NetworkService.NetworkServiceClient.CancelSettlement);
    public const string Reverse = nameof(NetworkService.NetworkServiceClient.Reverse);
    public const string PushFiling = nameof(NetworkService.NetworkServiceClient.PushFiling);
    public const string FetchFilings = nameof(NetworkService.NetworkServiceClient.FetchFilings);
    public const string DistributeCatalog = nameof(NetworkService.NetworkServiceClient.DistributeCatalog);
    public const string DistributeZone = nameof(NetworkService.NetworkServiceClient.DistributeZone);
    public const string BookClearing = nameof(NetworkService.NetworkServiceClient.BookClearing);
    public const string ListInsuredRecords = nameof(NetworkService.NetworkServiceClient.ListInsuredRecords);

    /// <summary>
    /// Whether a call may change state where it is served: everything but look-ups and pre-settles. Read only when a
    /// hop timed out, to tell the caller the truth about the outcome (DESIGN.md §7).
    /// </summary>
    public static bool MayCommit(string method, byte[] body) => method switch
    {
        FindPerson or FetchFilings or ListInsuredRecords => false,
        Adjudicate => IsCommit(body),
        _ => true,
    };

    private static bool IsCommit(byte[] body)
    {
        try
        {
            return AdjudicateRequest.Parser.ParseFrom(body).Commit;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return true;
        }
    }
}
