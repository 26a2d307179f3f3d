using System.Globalization;
using CsCheck;
using Orleans.Licensing.Frontend.Ka;

namespace Orleans.Licensing.UnitTests;

public sealed class KaDateTests
{
    [Theory]
    [InlineData("12/03/2016", 2016, 3, 12)]
    [InlineData(@"12\03\2016", 2016, 3, 12)]
    [InlineData("22/04/2016", 2016, 4, 22)]
    [InlineData("18/09/2016", 2016, 9, 18)]
    [InlineData("29/02/2016", 2016, 2, 29)]
    [InlineData("29/02/2000", 2000, 2, 29)]
    [InlineData("31/12/9999", 9999, 12, 31)]
    [InlineData("01/01/0001", 1, 1, 1)]
    public void Accepts_real_day_first_dates(string text, int year, int month, int day)
    {
        Assert.True(KaDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Fact]
    public void Reads_the_day_first()
    {
        Assert.True(KaDate.TryParse("12/03/2016", out var date));
        Assert.Equal(12, date.Day);
        Assert.Equal(3, date.Month);
    }

    [Theory]
    [InlineData("31/02/2016")]
    [InlineData("30/02/2016")]
    [InlineData("29/02/2015")]
    [InlineData("29/02/1900")]
    [InlineData("31/04/2016")]
    [InlineData("00/01/2016")]
    [InlineData("32/01/2016")]
    [InlineData("12/13/2016")]
    [InlineData("12/00/2016")]
    [InlineData("03/12/0000")]
    [InlineData(@"12/03\2016")]
    [InlineData(@"12\03/2016")]
    [InlineData("12-03-2016")]
    [InlineData("12.03.2016")]
    [InlineData("2016/03/12")]
    [InlineData("2016-03-12")]
    [InlineData("1/03/2016")]
    [InlineData("12/3/2016")]
    [InlineData("12/03/16")]
    [InlineData("12/03/20160")]
    [InlineData("12/03/2016 ")]
    [InlineData(" 2/03/2016")]
    [InlineData("+1/03/2016")]
    [InlineData("-1/03/2016")]
    [InlineData("ab/cd/efgh")]
    [InlineData("12/03/201a")]
    [InlineData("1２/03/2016")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_real_date_in_DD_MM_YYYY(string? text)
    {
        Assert.False(KaDate.TryParse(text, out var date));
        Assert.Equal(default, date);
    }

    [Fact]
    public void Formats_day_first_with_slashes()
    {
        Assert.Equal("12/03/2016", KaDate.Format(new DateOnly(2016, 3, 12)));
        Assert.Equal("01/01/0001", KaDate.Format(new DateOnly(1, 1, 1)));
    }

    [Fact]
    public void Property_never_throws_and_a_parsed_date_formats_back_to_the_input()
    {
        var dateShaped = Gen.String[Gen.Char["0123456789/\\-"], 8, 12];
        var arbitrary = Gen.Frequency((3, Gen.String), (2, dateShaped));
        arbitrary.Sample(
            text =>
            {
                if (KaDate.TryParse(text, out var date))
                {
                    Assert.Equal(10, text.Length);
                    Assert.Equal(text[2], text[5]);
                    Assert.Equal(Slashed(text), date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(default, date);
                }
            },
            iter: 20_000);
    }

    [Fact]
    public void Property_a_date_shaped_string_parses_exactly_when_it_names_a_real_day()
    {
        var gen = Gen.Select(Gen.Int[0, 32], Gen.Int[0, 13], Gen.Int[0, 9999], Gen.Char["/\\"]);
        gen.Sample(
            (day, month, year, separator) =>
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"{day:00}{separator}{month:00}{separator}{year:0000}");
                var real = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
                Assert.Equal(real, KaDate.TryParse(text, out var date));
                if (real)
                {
                    Assert.Equal(new DateOnly(year, month, day), date);
                }
            },
            iter: 20_000);
    }

    private static string Slashed(string text) => string.Concat(text.AsSpan(0, 2), "/", text.AsSpan(3, 2), "/" + text[6..]);
}
