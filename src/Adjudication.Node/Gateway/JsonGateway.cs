using System.Diagnostics;
using System.Text.Json;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Adjudication.Node.Telemetry;
using Adjudication.Node.Validation;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Gateway;

/// <summary>
/// The national JSON interface on a municipal node (issue 17): one envelope in, one envelope out. A body that is not a
/// JSON object is answered HTTP 400 (413 when too large), with a JSON envelope saying so; everything else, refusals
/// included, is HTTP 200 with infcode 0 or −1, as HIS expect. No exception leaves this handler: an unforeseen one is
/// infcode −1 INTERNAL_ERROR, never an HTTP 500.
/// </summary>
internal sealed class JsonGateway(Transactions transactions, AccessRules rules, TimeProvider clock, IOptions<NodeOptions> options, ILogger<JsonGateway> logger)
{
    private static readonly JsonDocumentOptions Reading = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 };
    private readonly string _city = Admdvs.IsValid(options.Value.Admdvs) ? Admdvs.CityOf(options.Value.Admdvs) : options.Value.Admdvs;

    /// <summary>Answers one POST; <paramref name="pathInfno"/> is the {infno} of /api/{infno}, null on callService.</summary>
    public async Task HandleAsync(HttpContext http, string? pathInfno)
    {
        var received = ChinaTime.Now(clock);
        using var span = NodeTelemetry.Source.StartActivity("fsi/callService", ActivityKind.Server);
        var infno = pathInfno ?? string.Empty;
        var status = StatusCodes.Status200OK;
        GatewayRefusal? refusal = null;
        GatewayAnswer.Output? output = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, Reading, http.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                (status, refusal) = Unreadable(StatusCodes.Status400BadRequest, "the body is JSON but not an envelope object");
            }
            else
            {
                var envelope = EnvelopeReader.Read(document.RootElement, pathInfno);
                infno = envelope.Infno;
                span?.SetTag("adjudication.infno", infno);
                output = await RunAsync(new GatewayCall(envelope, http, rules, _city)).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            (status, refusal) = Unreadable(StatusCodes.Status400BadRequest, $"the body is not JSON ({Errors.Echo.Cut(ex.Message, 120)})");
        }
        catch (BadHttpRequestException ex)
        {
            (status, refusal) = Unreadable(ex.StatusCode, "the body could not be read whole (larger than 4 MiB, or cut short)");
        }
        catch (Exception ex)
        {
            refusal = GatewayRefusal.Of(ex, infno, logger);
        }

        span?.SetTag(NodeTelemetry.OutcomeAttribute, refusal?.Reason ?? "OK");
        await AnswerAsync(http, status, received, refusal, output).ConfigureAwait(false);
    }

    private async Task<GatewayAnswer.Output> RunAsync(GatewayCall call)
    {
        // The envelope's own fields first: with no transaction or a bad one, nothing below can be trusted.
        call.ThrowIfInvalid();
        if (Admdvs.CityOf(call.Envelope.MdtrtareaAdmvs) != _city)
        {
            throw Refusals.Precondition(Reasons.InstitutionMismatch,
                $"mdtrtarea_admvs {call.Envelope.MdtrtareaAdmvs} is not served here: this node is the treatment city {_city}. Send the envelope to the node of the city where the care is given.");
        }

        return await transactions.RunAsync(call).ConfigureAwait(false);
    }

    private (int Status, GatewayRefusal Refusal) Unreadable(int status, string problem)
    {
        GatewayLog.EnvelopeUnreadable(logger, status, problem);
        return (status, new GatewayRefusal(Reasons.InvalidRequest, $"The request is not a readable envelope: {problem}. Send one JSON object with infno, msgid, mdtrtarea_admvs, fixmedins_code, inf_time and input."));
    }

    private async Task AnswerAsync(HttpContext http, int status, DateTimeOffset received, GatewayRefusal? refusal, GatewayAnswer.Output? output)
    {
        if (http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await GatewayAnswer.WriteAsync(http.Response, status, _city, received, ChinaTime.Now(clock), refusal, refusal is null ? output : null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller left; there is no one to answer.
        }
    }
}
