using Adjudication.Domain.Persons;

namespace Adjudication.Domain.Tests.Persons;

/// <summary>Masking of names and ID numbers for logs and console output (DESIGN.md §8).</summary>
public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("王建国", "王*国")]
    [InlineData("李娜", "李*")]
    [InlineData("欧阳明月", "欧**月")]
    [InlineData("王", "*")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void MaskName_Name_FirstAndLastCharacterKept(string? name, string expected) =>
        Assert.Equal(expected, PersonalData.MaskName(name));

    [Theory]
    [InlineData("14010219800101001X", "1401**********001X")]
    [InlineData("140102198001010010", "1401**********0010")]
    [InlineData("12345678", "********")]
    [InlineData("123456789", "1234*6789")]
    [InlineData("", "")]
    public void MaskIdNumber_Number_FirstFourAndLastFourKept(string number, string expected) =>
        Assert.Equal(expected, PersonalData.MaskIdNumber(number));
}
