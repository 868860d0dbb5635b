using CsCheck;
using KinerjaFlow.Forms.Fields;

namespace KinerjaFlow.Forms.Tests.Fields;

public class NipTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void A_valid_NIP_exposes_its_parts()
    {
        Assert.True(Nip.TryParse("19730314 199702 2 002", Today, out var nip, out _));
        Assert.Equal("197303141997022002", nip.Value);
        Assert.Equal(new DateOnly(1973, 3, 14), nip.BirthDate);
        Assert.Equal(new DateOnly(1997, 2, 1), nip.ServiceStart);
        Assert.Equal(2, nip.Sex);
        Assert.Equal(2, nip.Sequence);
        Assert.Equal("19730314 199702 2 002", nip.Formatted);
    }

    [Theory]
    [InlineData(null, NipError.Shape)]
    [InlineData("", NipError.Shape)]
    [InlineData("1973031419970220", NipError.Shape)]
    [InlineData("19730314199702200a", NipError.Shape)]
    [InlineData("１９７３０３１４１９９７０２２００２", NipError.Shape)] // full-width digits
    [InlineData("197302301997022002", NipError.BirthDate)] // 30 February
    [InlineData("203001011997022002", NipError.BirthDate)] // born in the future
    [InlineData("197303141997132002", NipError.ServiceStart)] // month 13
    [InlineData("197303141980022002", NipError.ServiceStart)] // CPNS at age 6
    [InlineData("197303142030012002", NipError.ServiceStart)] // starts in the future
    [InlineData("197303141997023002", NipError.Sex)]
    [InlineData("197303141997022000", NipError.Sequence)]
    public void An_invalid_NIP_is_refused_with_its_reason(string? input, NipError expected)
    {
        Assert.False(Nip.TryParse(input, Today, out _, out var error));
        Assert.Equal(expected, error);
        Assert.NotEmpty(NipErrors.Message(expected, "id"));
        Assert.NotEqual(NipErrors.Message(expected, "id"), NipErrors.Message(expected, "en"));
    }

    [Fact]
    public void Every_well_formed_NIP_round_trips_through_its_formatted_form() =>
        Gen.Select(Gen.Date[new DateTime(1950, 1, 1), new DateTime(2000, 12, 31)], Gen.Int[20, 30], Gen.Int[1, 12], Gen.Int[1, 2], Gen.Int[1, 999])
            .Sample((birth, years, month, sex, sequence) =>
            {
                var start = new DateOnly(birth.Year + years, month, 1);
                if (start > Today)
                    return;
                var text = $"{birth:yyyyMMdd}{start:yyyyMM}{sex}{sequence:D3}";
                Assert.True(Nip.TryParse(text, Today, out var nip, out var error), $"{text}: {error}");
                Assert.True(Nip.TryParse(nip.Formatted, Today, out var again, out _));
                Assert.Equal(nip, again);
            });

    [Fact]
    public void Any_text_is_parsed_without_throwing() =>
        Gen.String.Sample(text => { Nip.TryParse(text, Today, out _, out _); });
}
