namespace Adjudication.Domain.Divisions;

/// <summary>
/// 6-digit administrative division codes (GB/T 2260): <c>PP0000</c> province, <c>PPCC00</c> city,
/// <c>PPCCXX</c> county (DESIGN.md §2). Counties belong to their city's node (DESIGN.md §3).
/// </summary>
public static class Admdvs
{
    /// <summary>Whether the code is six ASCII digits with a non-zero province part.</summary>
    public static bool IsValid(ReadOnlySpan<char> code)
    {
        if (code.Length != 6)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return code[0] != '0' || code[1] != '0';
    }

    /// <summary>The city a code belongs to: <c>PPCCXX</c> → <c>PPCC00</c>; a province code stays itself.</summary>
    public static string CityOf(string code) =>
        code.AsSpan(4, 2) is "00" ? code : string.Concat(code.AsSpan(0, 4), "00");

    /// <summary>The province a code belongs to: <c>PP0000</c>.</summary>
    public static string ProvinceOf(string code) =>
        code.AsSpan(2, 4) is "0000" ? code : string.Concat(code.AsSpan(0, 2), "0000");

    /// <summary>Whether the code names a province (<c>PP0000</c>).</summary>
    public static bool IsProvince(string code) => code.AsSpan(2, 4) is "0000";

    /// <summary>Whether <paramref name="destination"/> (a province or a city) covers <paramref name="code"/>.</summary>
    public static bool Covers(string destination, string code) =>
        IsProvince(destination) ? ProvinceOf(code) == destination : CityOf(code) == CityOf(destination);
}
