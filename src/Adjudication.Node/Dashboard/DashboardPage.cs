using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Adjudication.Node.Ledger;

namespace Adjudication.Node.Dashboard;

/// <summary>
/// The dashboard as one server-rendered HTML page with its style inline and a small script that fetches the page again
/// every two seconds and swaps in its <c>main</c>: nothing is loaded from elsewhere (no CDN is reachable from a node).
/// </summary>
internal static class DashboardPage
{
    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
        h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.5rem}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .up{background:#d7f5dd}.down{background:#f8d0d0;font-weight:bold}
        .green{background:#d7f5dd}.yellow{background:#fff1b8}.red{background:#f8a8a8;font-weight:bold}
        """;

    private const string Refresh = """
        setInterval(async () => {
          try {
            const answer = await fetch(location.href, { cache: 'no-store' });
            const page = new DOMParser().parseFromString(await answer.text(), 'text/html');
            document.getElementById('dashboard').replaceWith(page.getElementById('dashboard'));
          } catch (e) { document.getElementById('stale').hidden = false; }
        }, 2000);
        """;

    /// <summary>The page of <paramref name="snapshot"/>.</summary>
    public static string Render(DashboardSnapshot snapshot)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Adjudication · ")
            .Append(Encode(snapshot.NodeId)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>Adjudication network · ").Append(Encode(snapshot.Role)).Append(" node ").Append(Encode(snapshot.NodeId)).Append("</h1>")
            .Append("<p id=\"stale\" hidden>The node did not answer the last refresh; the figures below are older.</p>")
            .Append("<main id=\"dashboard\">")
            .Append("<p>As of ").Append(snapshot.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" China time.</p>");
        Nodes(html, snapshot);
        Calls(html, snapshot);
        Clearing(html, snapshot);
        Prepayments(html, snapshot);
        html.Append("</main><script>").Append(Refresh).Append("</script></body></html>");
        return html.ToString();
    }

    private static void Nodes(StringBuilder html, DashboardSnapshot snapshot)
    {
        var down = snapshot.Nodes.Count(n => !n.Up);
        html.Append("<section id=\"nodes\"><h2>Nodes: ").Append(snapshot.Nodes.Count - down).Append(" up, ").Append(down).Append(" down</h2>")
            .Append("<table><tr><th>node</th><th>role</th><th>admdvs</th><th>addresses</th><th>status</th></tr>");
        foreach (var node in snapshot.Nodes)
        {
            html.Append("<tr data-node=\"").Append(Encode(node.Id)).Append("\"><td>").Append(Encode(node.Id)).Append("</td><td>").Append(Encode(node.Role))
                .Append("</td><td>").Append(Encode(node.Admdvs)).Append("</td><td>").Append(Encode(string.Join(", ", node.Addresses)))
                .Append("</td><td class=\"").Append(node.Up ? "up\">up" : "down\">down").Append("</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static void Calls(StringBuilder html, DashboardSnapshot snapshot) =>
        html.Append("<section id=\"calls\"><h2>Settlement calls through this node</h2><table>")
            .Append("<tr><th>last 10 seconds</th><td class=\"num\" id=\"calls-10s\">").Append(snapshot.CallsLast10Seconds.ToString("0.0", CultureInfo.InvariantCulture)).Append("/s</td></tr>")
            .Append("<tr><th>last minute</th><td class=\"num\" id=\"calls-1min\">").Append(snapshot.CallsLastMinute.ToString("0.0", CultureInfo.InvariantCulture)).Append("/s</td></tr>")
            .Append("</table></section>");

    private static void Clearing(StringBuilder html, DashboardSnapshot snapshot)
    {
        html.Append("<section id=\"clearing\"><h2>Clearing, ").Append(snapshot.Month)
            .Append(": what each treatment region (column) advanced for the insured region's persons (row), yuan, with the settlements net of cancels</h2>")
            .Append("<table><tr><th>insured \\ treatment</th>");
        foreach (var treatment in snapshot.Regions)
        {
            html.Append("<th>").Append(Encode(treatment)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var insured in snapshot.Regions)
        {
            html.Append("<tr><th>").Append(Encode(insured)).Append("</th>");
            foreach (var treatment in snapshot.Regions)
            {
                var cell = snapshot.Clearing.FirstOrDefault(c => c.Insured == insured && c.Treatment == treatment);
                html.Append("<td class=\"num\" data-insured=\"").Append(Encode(insured)).Append("\" data-treatment=\"").Append(Encode(treatment)).Append("\">")
                    .Append(cell is null ? "—" : $"{Yuan.Format(cell.AdvancedFen)} ({cell.Settlements})").Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></section>");
    }

    private static void Prepayments(StringBuilder html, DashboardSnapshot snapshot)
    {
        if (snapshot.Prepayments.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"prepayment\"><h2>Prepayment usage: advanced for each insured province's persons and not yet repaid ÷ its prepayment (yellow from 70%, red from 90%)</h2>")
            .Append("<table><tr><th>province</th><th>prepayment</th><th>outstanding</th><th>usage</th><th>warning</th></tr>");
        foreach (var line in snapshot.Prepayments)
        {
            var level = line.Level.ToString().ToLowerInvariant();
            html.Append("<tr data-province=\"").Append(Encode(line.Province)).Append("\" class=\"").Append(level).Append("\"><td>").Append(Encode(line.Province))
                .Append("</td><td class=\"num\">").Append(Yuan.Format(line.PrepaymentFen)).Append("</td><td class=\"num\">").Append(Yuan.Format(line.OutstandingFen))
                .Append("</td><td class=\"num\">").Append(line.UsageBp < 0 ? "no prepayment" : $"{line.UsageBp / 100}.{line.UsageBp % 100:D2}%")
                .Append("</td><td>").Append(level).Append("</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
