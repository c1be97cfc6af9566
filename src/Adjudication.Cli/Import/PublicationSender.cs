using Adjudication.Contracts.V1.Policies;
using Google.Protobuf;

namespace Adjudication.Cli.Import;

/// <summary>
/// Policies and zones (JSON): the file is an array of publication requests in the contract's JSON form, each with its
/// msgid: <c>{"msgid": "...", "policy": {...}}</c> (PublishPolicyRequest) or <c>{"msgid": "...", "zone": {...}}</c>
/// (PublishZoneRequest); field names as in policy.proto, enums by name or national code.
/// </summary>
internal sealed class PublicationSender<TRequest>(string kind, Func<TRequest, string> keyOf, Func<TRequest, CancellationToken, Task> publish) : UnaryRowSender<TRequest>
    where TRequest : IMessage<TRequest>, new()
{
    /// <inheritdoc />
    public override string Kind => kind;

    /// <inheritdoc />
    public override bool IsJson => true;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> RequiredColumns { get; } = [];

    /// <inheritdoc />
    protected override TRequest Request(ImportRow row)
    {
        try
        {
            return JsonParser.Default.Parse<TRequest>(row[ImportRow.JsonColumn]);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new RowRefusedException($"not a {typeof(TRequest).Name}: {ex.Message}");
        }
    }

    /// <inheritdoc />
    protected override Task CallAsync(TRequest request, CancellationToken cancellationToken) => publish(request, cancellationToken);

    /// <inheritdoc />
    protected override string KeyOf(TRequest request) => keyOf(request);

    /// <summary>Policy versions, published at the city's node.</summary>
    public static PublicationSender<PublishPolicyRequest> Policies(PolicyService.PolicyServiceClient client) =>
        new("policies", request => $"{request.Policy?.InsuplcAdmdvs}|{request.Policy?.Insutype}", (request, token) => client.PublishPolicyAsync(request, cancellationToken: token).ResponseAsync);

    /// <summary>Integration zones, published at the province's node.</summary>
    public static PublicationSender<PublishZoneRequest> Zones(PolicyService.PolicyServiceClient client) =>
        new("zones", request => request.Zone?.Name ?? string.Empty, (request, token) => client.PublishZoneAsync(request, cancellationToken: token).ResponseAsync);
}
