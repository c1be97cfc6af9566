using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Contract;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using V1 = Adjudication.Contracts.V1;

namespace Adjudication.Node.ReferenceData;

/// <summary>
/// Personal accounts (个人账户) at the insured city, moved by the city's agency (DESIGN.md §12): credits such as the
/// yearly transfer and adjustments with a reason, each a journal row with its msgid. Settlements debit the same balance
/// (DESIGN.md §4.2 step 7); a movement raises the person's version, so a settlement computed before it is recomputed.
/// </summary>
internal sealed class AccountDesk(PersonStore persons, TimeProvider clock, IOptions<NodeOptions> options)
{
    /// <summary>Largest single movement: 1,000,000 yuan, in fen.</summary>
    public const long MaxMovementFen = 100_000_000;

    private readonly string _city = Admdvs.CityOf(options.Value.Admdvs);

    public Task<V1.AccountMovement> CreditAsync(V1.CreditAccountRequest request)
    {
        Person(request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .That(request.Amount is > 0 and <= MaxMovementFen, "amount", $"must be 1 to {MaxMovementFen} fen")
            .Optional("reason", request.Reason)
            .ThrowIfAny();
        return MoveAsync(request.InsuplcAdmdvs, request.PsnNo, new AccountJournalRow(request.Msgid, JournalKind.Credit, request.Amount, request.Reason, Now(), 0), request);
    }

    public Task<V1.AccountMovement> AdjustAsync(V1.AdjustAccountRequest request)
    {
        Person(request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .That(request.Amount is not 0 and >= -MaxMovementFen and <= MaxMovementFen, "amount", $"must be non-zero and at most {MaxMovementFen} fen either way")
            .Id("reason", request.Reason)
            .ThrowIfAny();
        return MoveAsync(request.InsuplcAdmdvs, request.PsnNo, new AccountJournalRow(request.Msgid, JournalKind.Adjustment, request.Amount, request.Reason, Now(), 0), request);
    }

    public async Task<V1.ListAccountJournalResponse> JournalAsync(V1.ListAccountJournalRequest request)
    {
        new RequestCheck().Id("psn_no", request.PsnNo).Admdvs("insuplc_admdvs", request.InsuplcAdmdvs).ThrowIfAny();
        CheckInsuredHere(request.InsuplcAdmdvs);
        var rows = await persons.GetJournalAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false);
        if (rows.Count == 0 && await persons.ReadProfileAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false) is null)
        {
            throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {request.PsnNo} is not enrolled in {_city}.");
        }

        var response = new V1.ListAccountJournalResponse();
        foreach (var row in rows)
        {
            response.Movements.Add(ToProto(row));
        }

        return response;
    }

    private async Task<V1.AccountMovement> MoveAsync(string insuplc, string psnNo, AccountJournalRow row, IMessage request)
    {
        CheckInsuredHere(insuplc);
        var (result, stored, balance) = await persons.MoveBalanceAsync(insuplc, psnNo, row, CallDigest.Of(request)).ConfigureAwait(false);
        return result switch
        {
            MoveBalanceResult.Moved or MoveBalanceResult.Replayed => ToProto(stored!),
            MoveBalanceResult.MsgidConflict => throw Refusals.MsgidReused(row.Msgid),
            MoveBalanceResult.PersonNotFound => throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {psnNo} is not enrolled in {_city}; enrol them before moving their account."),
            _ => throw Refusals.Precondition(Reasons.BalanceInsufficient,
                $"The personal account of {psnNo} holds {balance.Fen} fen; an adjustment of {row.AmountFen} fen would leave it below zero. Adjust by at most -{balance.Fen} fen."),
        };
    }

    private static RequestCheck Person(string msgid, string psnNo, string insuplc) =>
        new RequestCheck().AgencyMsgid("msgid", msgid).Id("psn_no", psnNo).Admdvs("insuplc_admdvs", insuplc);

    private static V1.AccountMovement ToProto(AccountJournalRow row) => new()
    {
        Msgid = row.Msgid,
        Kind = row.Kind == JournalKind.Credit ? V1.AccountMovementKind.Credit : V1.AccountMovementKind.Adjustment,
        Amount = row.AmountFen,
        Reason = row.Reason,
        Balc = row.BalcFen,
        MovedAt = row.MovedAt,
    };

    private string Now() => ChinaTime.Format(ChinaTime.Now(clock));

    private void CheckInsuredHere(string insuplc)
    {
        if (Admdvs.CityOf(insuplc) != _city)
        {
            throw Refusals.PermissionDenied(Reasons.AgencyMismatch, $"This node keeps the accounts of persons insured in {_city}, not '{Echo.Cut(insuplc)}'.");
        }
    }
}
