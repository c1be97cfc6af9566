namespace Adjudication.Node.Gateway;

/// <summary>
/// Maps the national JSON interface (issue 17) on a municipal node: <c>POST /fsi/api/rsfComIfsService/callService</c>,
/// the path HIS vendors configure, and the same at <c>POST /api/{infno}</c>. Served beside gRPC on the node's listener
/// (HTTP/1.1 and HTTP/2 over TLS, chosen by ALPN; see NodeTransport).
/// </summary>
internal static class GatewayEndpoints
{
    /// <summary>The path HIS vendors configure.</summary>
    public const string CallService = "/fsi/api/rsfComIfsService/callService";

    /// <summary>The per-transaction path.</summary>
    public const string PerTransaction = "/api/{infno}";

    /// <summary>Registers the gateway's types.</summary>
    public static void AddJsonGateway(this IServiceCollection services)
    {
        services.AddSingleton<PersonTransaction>();
        services.AddSingleton<VisitTransactions>();
        services.AddSingleton<FeeTransaction>();
        services.AddSingleton<SettlementTransactions>();
        services.AddSingleton<ReconcileTransactions>();
        services.AddSingleton<FilingTransactions>();
        services.AddSingleton<Transactions>();
        services.AddSingleton<JsonGateway>();
    }

    /// <summary>Maps both paths to <see cref="JsonGateway"/>.</summary>
    public static void MapJsonGateway(this IEndpointRouteBuilder app)
    {
        var gateway = app.ServiceProvider.GetRequiredService<JsonGateway>();
        app.MapPost(CallService, http => gateway.HandleAsync(http, null));
        app.MapPost(PerTransaction, http => gateway.HandleAsync(http, http.Request.RouteValues["infno"] as string));
    }
}
