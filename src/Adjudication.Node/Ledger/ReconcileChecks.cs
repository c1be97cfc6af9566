using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Node.Validation;
using Adjudication.Storage.Ledger;

namespace Adjudication.Node.Ledger;

/// <summary>The fields reconciliation requests share, checked as INVALID_ARGUMENT field violations (DESIGN.md §7).</summary>
internal static class ReconcileChecks
{
    /// <summary>Largest amount (fen) a field may carry: N16,2 of the national interface, 99,999,999,999,999.99 yuan.</summary>
    public const long MaxAmount = 9_999_999_999_999_999;

    /// <summary>A period of China dates, the end not before the start, at most <see cref="LedgerStore.MaxDays"/> days.</summary>
    public static (DateOnly From, DateOnly To) Period(RequestCheck check, string fromField, string from, string toField, string to)
    {
        var before = check.Count;
        check.Date(fromField, from, out var start).Date(toField, to, out var end);
        if (check.Count == before)
        {
            var days = end.DayNumber - start.DayNumber + 1;
            check.That(days >= 1, toField, "must not be before " + fromField)
                .That(days <= LedgerStore.MaxDays, toField, $"must be at most {LedgerStore.MaxDays} days from {fromField} (inclusive)");
        }

        return (start, end);
    }

    /// <summary>结算经办机构: the node's city or one of its counties, whose ledger this node keeps.</summary>
    public static void SetlOptins(RequestCheck check, string value, string city)
    {
        check.Admdvs("setl_optins", value);
        if (Admdvs.IsValid(value))
        {
            check.That(Admdvs.CityOf(value) == city, "setl_optins", $"must be this node's city {city} or a county of it; call the node of {Admdvs.CityOf(value)} for its institutions");
        }
    }

    /// <summary>The optional insutype and clr_type filters.</summary>
    public static void Filters(RequestCheck check, Insutype insutype, string clrType)
    {
        check.Defined("insutype", insutype == Insutype.Unspecified || Enum.IsDefined(insutype), (int)insutype)
            .That(clrType.Length <= 8 && clrType.All(char.IsAsciiDigit), "clr_type", "must be empty (every clearing type) or a code of national table 396 or 592, up to 8 digits, e.g. 11 or 310112");
    }

    /// <summary>退费结算标志: "0" or "1", or also "" where <paramref name="emptyMeansBoth"/>.</summary>
    public static bool? RefundFlag(RequestCheck check, string field, string value, bool emptyMeansBoth)
    {
        switch (value)
        {
            case "0": return false;
            case "1": return true;
            case "" when emptyMeansBoth: return null;
            default:
                check.Add(field, emptyMeansBoth ? "must be empty (both), 0 (forward rows) or 1 (reversed rows)" : "must be 0 (the settlement) or 1 (the reversed row of its cancel or reversal)");
                return null;
        }
    }

    /// <summary>
    /// A signed amount of rows of <paramref name="refunded"/>: forward rows never sum below 0, reversed rows (their
    /// amounts negated, as the ledger books them) never above; either way within <see cref="MaxAmount"/>.
    /// </summary>
    public static void Amount(RequestCheck check, string field, long fen, bool? refunded)
    {
        check.That(fen is >= -MaxAmount and <= MaxAmount, field, "must be within ±99,999,999,999,999.99 yuan (in fen)")
            .That(refunded != false || fen >= 0, field, "must not be negative for forward rows (refd_setl_flag 0)")
            .That(refunded != true || fen <= 0, field, "must not be positive for reversed rows (refd_setl_flag 1): a reversed row carries the settlement's amounts negated");
    }
}
