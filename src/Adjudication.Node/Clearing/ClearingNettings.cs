using Adjudication.Contracts.V1;

namespace Adjudication.Node.Clearing;

/// <summary>
/// Statements from a month's matrix (DESIGN.md §11): each region receives what its funds advanced for other regions'
/// persons and pays what others advanced for its own; net = receivable − payable, and the nets sum to zero because
/// every pair adds the same amount to one receivable and one payable. The national node also nets each pair of provinces.
/// </summary>
internal static class ClearingNettings
{
    /// <summary>Adds the positions (and, <paramref name="pairwise"/>, the nettings) of <paramref name="statement"/>'s matrix.</summary>
    public static void Fill(ClearingStatement statement, IReadOnlyList<string> regions, bool pairwise)
    {
        var advanced = statement.Matrix.ToDictionary(d => (d.MdtrtareaAdmvs, d.InsuplcAdmdvs), d => d.Sums.ClrSumamt);
        foreach (var region in regions)
        {
            var receivable = statement.Matrix.Where(d => d.MdtrtareaAdmvs == region).Sum(d => d.Sums.ClrSumamt);
            var payable = statement.Matrix.Where(d => d.InsuplcAdmdvs == region).Sum(d => d.Sums.ClrSumamt);
            if (receivable != 0 || payable != 0 || statement.Matrix.Any(d => d.MdtrtareaAdmvs == region || d.InsuplcAdmdvs == region))
            {
                statement.Positions.Add(new ClearingPosition { Admdvs = region, Receivable = receivable, Payable = payable, Net = checked(receivable - payable) });
            }
        }

        if (!pairwise)
        {
            return;
        }

        var ordered = regions.Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = i + 1; j < ordered.Count; j++)
            {
                var (a, b) = (ordered[i], ordered[j]);
                var ab = advanced.GetValueOrDefault((a, b));
                var ba = advanced.GetValueOrDefault((b, a));
                if (advanced.ContainsKey((a, b)) || advanced.ContainsKey((b, a)))
                {
                    statement.Nettings.Add(new ClearingNetting { AdmdvsA = a, AdmdvsB = b, AAdvancedForB = ab, BAdvancedForA = ba, Net = checked(ab - ba) });
                }
            }
        }
    }
}
