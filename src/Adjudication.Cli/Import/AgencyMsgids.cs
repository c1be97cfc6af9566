using System.Globalization;
using Adjudication.Domain.Time;

namespace Adjudication.Cli.Import;

/// <summary>
/// Fresh msgids for an import's messages: the agency's code (12), the time (yyyyMMddHHmmss) and a sequence (4), as the
/// national interface forms them. Rows that carry their own msgid (accounts, institutions) use theirs instead.
/// </summary>
internal sealed class AgencyMsgids(string agencyCode, TimeProvider clock)
{
    private readonly DateTime _start = ChinaTime.Now(clock).DateTime;
    private int _next;

    /// <summary>The next msgid; after 10,000 in one run the time moves on a second.</summary>
    public string Next()
    {
        var n = Interlocked.Increment(ref _next) - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{agencyCode}{_start.AddSeconds(n / 10_000):yyyyMMddHHmmss}{n % 10_000:D4}");
    }
}
