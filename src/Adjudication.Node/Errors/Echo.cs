namespace Adjudication.Node.Errors;

/// <summary>
/// Values a caller sent, shown back in an error cut to a sensible length (DESIGN.md §7): a refusal must stay small
/// enough for every client's header limit, whatever the caller sent (a 1,000-character field once made a 13 KB trailer
/// that clients refused as RESOURCE_EXHAUSTED instead of reading the refusal).
/// </summary>
internal static class Echo
{
    /// <summary>Most characters of a caller's value an error shows.</summary>
    public const int MaxValueLength = 32;

    /// <summary><paramref name="value"/>, or its first <paramref name="max"/> characters and "…" when longer.</summary>
    public static string Cut(string? value, int max = MaxValueLength)
    {
        if (value is null || value.Length <= max)
        {
            return value ?? string.Empty;
        }

        // Never split a surrogate pair: half of one is not a character any client can show.
        var length = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return string.Concat(value.AsSpan(0, length), "…");
    }
}
