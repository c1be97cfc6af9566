namespace Adjudication.Domain.Institutions;

/// <summary>Institution codes: <c>H</c> + 11 digits for hospitals, <c>P</c> + 11 digits for pharmacies (DESIGN.md §2).</summary>
public static class FixmedinsCode
{
    /// <summary>Length of a code.</summary>
    public const int Length = 12;

    /// <summary>Whether the code is well formed.</summary>
    public static bool IsValid(ReadOnlySpan<char> code)
    {
        if (code.Length != Length || (code[0] != 'H' && code[0] != 'P'))
        {
            return false;
        }

        foreach (var c in code[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
