using System.Globalization;
using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Adjudication.Node.Security;
using Adjudication.Node.Validation;
using Grpc.Core;

namespace Adjudication.Node.Gateway;

/// <summary>
/// One JSON transaction on its way to a desk: the envelope, the caller's HTTP request, and the admission by the same
/// access rules as its gRPC counterpart (DESIGN.md §8). A transaction builds the gRPC request from the envelope, admits
/// it under its gRPC method's name and hands it to the desk that method's service calls, with <see cref="Context"/>.
/// </summary>
internal sealed class GatewayCall(Envelope envelope, HttpContext http, AccessRules rules, string city)
{
    // How many violations the message spells out; every one is counted.
    private const int ViolationsInMessage = 3;

    /// <summary>The envelope.</summary>
    public Envelope Envelope { get; } = envelope;

    /// <summary>The envelope's input object.</summary>
    public JsonFields Input => Envelope.Input;

    /// <summary>The person's insured division: the envelope's insuplc_admdvs, or this node's city when empty (local).</summary>
    public string Insuplc => Envelope.InsuplcAdmdvs.Length > 0 ? Envelope.InsuplcAdmdvs : city;

    /// <summary>The context handed to the desk; set by <see cref="AdmitAsync"/>.</summary>
    public ServerCallContext? Context { get; private set; }

    /// <summary>Lets <paramref name="request"/> in under <paramref name="method"/> or throws the refusal the gRPC call would get.</summary>
    /// <remarks>
    /// The envelope's fixmedins_code must be the certificate's (issue 17), for every kind of caller: an agency's code
    /// for its filings. 3202 passes no request, as its gRPC stream is admitted before its header is read; this check
    /// and the desk's hold it to the caller's code.
    /// </remarks>
    public async Task<ServerCallContext> AdmitAsync(string method, object? request)
    {
        ThrowIfInvalid();
        var context = new GatewayCallContext(http, method);
        var call = await rules.AuthorizeAsync(request, method, http).ConfigureAwait(false);
        if (call.Caller.Id != Envelope.FixmedinsCode)
        {
            throw Refusals.PermissionDenied(Reasons.InstitutionMismatch,
                $"The caller is {call.Caller}; the envelope's fixmedins_code must be its own code, not '{Echo.Cut(Envelope.FixmedinsCode)}'. Send {call.Caller.Id}, or call with that institution's certificate.");
        }

        context.UserState[AccessInterceptor.Key] = call;
        Context = context;
        return context;
    }

    /// <summary>Throws INVALID_REQUEST naming every field the envelope's reading found wrong, if any.</summary>
    public void ThrowIfInvalid()
    {
        var violations = Input.Violations;
        if (violations.Count == 0)
        {
            return;
        }

        var named = string.Join("; ", violations.Take(ViolationsInMessage).Select(v => $"{v.Field} {v.Description}"));
        var more = violations.Count > ViolationsInMessage ? string.Create(CultureInfo.InvariantCulture, $" (and {violations.Count - ViolationsInMessage} more)") : string.Empty;
        throw new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest,
            $"The envelope's input is malformed: {Echo.Cut(named, 400)}{more}. Correct the fields and send again with the same msgid.", [.. violations]);
    }
}
