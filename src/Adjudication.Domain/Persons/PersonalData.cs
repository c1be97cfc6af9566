namespace Adjudication.Domain.Persons;

/// <summary>
/// Masks personal data for logs, traces and console output (DESIGN.md §8): a name keeps its first and last
/// character (王*国, 李*), an ID number its first four and last four (1401**********001X).
/// </summary>
public static class PersonalData
{
    /// <summary>王建国 → 王*国; 李娜 → 李*; 欧阳明月 → 欧**月; a single character becomes *.</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var text = new System.Globalization.StringInfo(name);
        var length = text.LengthInTextElements;
        return length switch
        {
            1 => "*",
            2 => text.SubstringByTextElements(0, 1) + "*",
            _ => text.SubstringByTextElements(0, 1) + new string('*', length - 2) + text.SubstringByTextElements(length - 1, 1),
        };
    }

    /// <summary>140102198001010010 → 1401**********0010; numbers of eight characters or fewer are masked whole.</summary>
    public static string MaskIdNumber(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }

        return number.Length <= 8
            ? new string('*', number.Length)
            : string.Concat(number.AsSpan(0, 4), new string('*', number.Length - 8), number.AsSpan(number.Length - 4));
    }
}
