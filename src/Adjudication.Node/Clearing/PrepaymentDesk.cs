using System.Collections.Concurrent;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Node.Settlement;
using Adjudication.Node.Telemetry;
using Adjudication.Node.Validation;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Prepayment;
using StoredRow = Adjudication.Storage.Clearing.ClearingRow;
using StoredEvent = Adjudication.Storage.Prepayment.PrepaymentEvent;
using StoredLevel = Adjudication.Storage.Prepayment.PrepaymentLevel;

namespace Adjudication.Node.Clearing;

/// <summary>
/// The prepayment (预付金) of each insured province at the national node (DESIGN.md §11): deposits and emergency
/// top-ups from the province's agency, repayments from paid clearing, and usage moved by every cross-province row the
/// node books, in order, so a warning names the settlement that crossed 70% or 90%. Each change of level is logged
/// and kept as history; the usage is a metric.
/// </summary>
internal sealed class PrepaymentDesk
{
    private readonly PrepaymentStore _store;
    private readonly NetworkClient _network;
    private readonly TimeProvider _clock;
    private readonly ILogger<PrepaymentDesk> _logger;
    private readonly ConcurrentDictionary<string, PrepaymentState> _last = new(StringComparer.Ordinal);

    public PrepaymentDesk(PrepaymentStore store, NetworkClient network, TimeProvider clock, NodeMetrics metrics, ILogger<PrepaymentDesk> logger)
    {
        _store = store;
        _network = network;
        _clock = clock;
        _logger = logger;
        metrics.ObservePrepayment(() => _last.Values.Select(s => (s.Province, s.UsageBp, Level(s.Level).ToString())));
    }

    /// <summary>Counts rows into their insured provinces' usage, each province's in settlement-time order.</summary>
    public async Task BookAsync(IReadOnlyList<StoredRow> rows)
    {
        var time = Now();
        foreach (var province in rows.GroupBy(r => Admdvs.ProvinceOf(r.Row.InsuplcAdmdvs)))
        {
            var ordered = province.OrderBy(r => r.Row.SetlTime, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => (r.Id, r.Advanced, r.Row.SetlId)).ToList();
            var (_, changes) = await _store.BookAsync(province.Key, ordered, time).ConfigureAwait(false);
            await RefreshAsync(province.Key, changes).ConfigureAwait(false);
        }
    }

    /// <summary>DepositPrepayment: a deposit or an emergency top-up by the province's own agency.</summary>
    public async Task<PrepaymentStatus> DepositAsync(DepositPrepaymentRequest request, AuthenticatedCall? call)
    {
        new RequestCheck().AgencyMsgid("msgid", request.Msgid).Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .That(!Admdvs.IsValid(request.InsuplcAdmdvs) || Admdvs.IsProvince(request.InsuplcAdmdvs), "insuplc_admdvs", "must be a province (PP0000)")
            .That(request.Amount > 0, "amount", "must be more than 0 fen")
            .ThrowIfAny();
        RequireProvince(request.InsuplcAdmdvs);
        RequireOwnAgency(call, request.InsuplcAdmdvs);
        var (result, _) = await _store.FundAsync(request.InsuplcAdmdvs, request.TopUp ? "topup" : "deposit", request.Msgid, Digest.Of(request), request.Amount, Now()).ConfigureAwait(false);
        if (result == PrepaymentFundResult.MsgidConflict)
        {
            throw Refusals.MsgidReused(request.Msgid);
        }

        return Status(await RefreshAsync(request.InsuplcAdmdvs, result == PrepaymentFundResult.Moved ? 1 : 0).ConfigureAwait(false));
    }

    /// <summary>A paid cross-province declaration repays the insured province's prepayment by its clearing amount, once per msgid.</summary>
    public async Task RepayAsync(string province, string msgid, byte[] digest, long amount)
    {
        var (result, _) = await _store.FundAsync(province, "repay", msgid, digest, amount, Now()).ConfigureAwait(false);
        await RefreshAsync(province, result == PrepaymentFundResult.Moved ? 1 : 0).ConfigureAwait(false);
    }

    /// <summary>GetPrepayment: one province (its agency, or an operator) or every province of the network (operators).</summary>
    public async Task<GetPrepaymentResponse> GetAsync(GetPrepaymentRequest request, AuthenticatedCall? call)
    {
        var one = request.InsuplcAdmdvs.Length > 0;
        if (one)
        {
            new RequestCheck().Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
                .That(!Admdvs.IsValid(request.InsuplcAdmdvs) || Admdvs.IsProvince(request.InsuplcAdmdvs), "insuplc_admdvs", "must be a province (PP0000)")
                .ThrowIfAny();
            RequireProvince(request.InsuplcAdmdvs);
        }

        if (call?.Caller.Kind != IdentityKind.Operator)
        {
            RequireOwnAgency(call, one ? request.InsuplcAdmdvs : "every province");
        }

        var provinces = one ? [request.InsuplcAdmdvs] : _network.Router!.Children.Select(c => c.Admdvs).ToArray();
        var response = new GetPrepaymentResponse();
        foreach (var province in provinces)
        {
            var state = await _store.StateAsync(province).ConfigureAwait(false);
            _last[province] = state;
            var entry = new ProvincePrepayment { Status = Status(state) };
            entry.History.AddRange((await _store.EventsAsync(province).ConfigureAwait(false)).Select(Event));
            response.Provinces.Add(entry);
        }

        return response;
    }

    // After a change: the state for the metric, and the new level changes logged (a warning names what crossed the line).
    private async Task<PrepaymentState> RefreshAsync(string province, int changes)
    {
        var state = await _store.StateAsync(province).ConfigureAwait(false);
        _last[province] = state;
        if (changes > 0)
        {
            var events = await _store.EventsAsync(province).ConfigureAwait(false);
            foreach (var e in events.Skip(Math.Max(0, events.Count - changes)))
            {
                if (e.Level == StoredLevel.Green || (e.Level == StoredLevel.Yellow && e.Cause != "settlement"))
                {
                    ClearingLog.PrepaymentCleared(_logger, province, e.Level, e.UsageBp, e.Outstanding, e.Prepayment, e.Cause, e.Reference);
                }
                else if (e.Prepayment == 0)
                {
                    // No usage ratio without a deposit: the warning says what stands advanced instead.
                    ClearingLog.AdvancedWithoutPrepayment(_logger, province, e.Level, e.Outstanding, e.Cause, e.Reference, e.TopupDue);
                }
                else
                {
                    ClearingLog.PrepaymentWarning(_logger, province, e.Level, e.UsageBp, e.Outstanding, e.Prepayment, e.Cause, e.Reference, e.TopupDue);
                }
            }
        }

        return state;
    }

    private void RequireProvince(string province)
    {
        if (!_network.Router!.Children.Any(c => c.Admdvs == province))
        {
            throw Refusals.NotFound(Reasons.ClearingNotFound, $"{province} is not a province of this network; prepayments are kept for the provinces of the topology.");
        }
    }

    private static void RequireOwnAgency(AuthenticatedCall? call, string province)
    {
        if (call?.Caller is not { Kind: IdentityKind.Agency } agency || agency.Admdvs != province)
        {
            throw new AdjudicationException(ErrorKind.PermissionDenied, Reasons.AgencyMismatch,
                $"The prepayment of {province} is kept by the agency of {province}; the caller is {call?.Caller.ToString() ?? "unknown"}.");
        }
    }

    private string Now() => ChinaTime.Format(ChinaTime.Now(_clock));

    private static Contracts.V1.PrepaymentLevel Level(StoredLevel level) => level switch
    {
        StoredLevel.Yellow => Contracts.V1.PrepaymentLevel.Yellow,
        StoredLevel.Red => Contracts.V1.PrepaymentLevel.Red,
        _ => Contracts.V1.PrepaymentLevel.Green,
    };

    private static PrepaymentStatus Status(PrepaymentState s) => new()
    {
        InsuplcAdmdvs = s.Province, Prepayment = s.Prepayment, Advanced = s.Advanced, Repaid = s.Repaid, Outstanding = s.Outstanding,
        UsageBp = s.UsageBp, Level = Level(s.Level), TopupDue = s.TopupDue,
    };

    private static Contracts.V1.PrepaymentEvent Event(StoredEvent e) => new()
    {
        Level = Level(e.Level), Cause = e.Cause, Reference = e.Reference, Outstanding = e.Outstanding, Prepayment = e.Prepayment,
        UsageBp = e.UsageBp, Time = e.Time, TopupDue = e.TopupDue,
    };
}
