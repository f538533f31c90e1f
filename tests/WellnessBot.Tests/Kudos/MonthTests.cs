using WellnessBot.Dialogs;

namespace WellnessBot.Tests.Kudos;

public sealed class MonthTests
{
    private static readonly Month December2026 = new(2026, 12);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2026-10", "2026-10")]
    [InlineData("october", "2026-10")]
    [InlineData("  October  ", "2026-10")]
    [InlineData("OCT", "2026-10")]
    [InlineData("sept", "2026-09")]
    [InlineData("december", "2026-12")]    // the latest December not in the future: this one
    [InlineData("january", "2026-01")]
    [InlineData("march 2025", "2025-03")]
    [InlineData("march, 2025", "2025-03")]
    [InlineData("Mar 2025", "2025-03")]
    [InlineData("3/2025", "2025-03")]
    [InlineData("2025/03", "2025-03")]
    [InlineData("this month", "2026-12")]
    [InlineData("last month", "2026-11")]
    [InlineData("", "2026-06")]            // whatever the command says empty means
    [InlineData("someday", null)]
    [InlineData("2026-13", null)]
    [InlineData("13/2026", null)]
    public void MonthsAreReadTheWayPeopleWriteThem(string text, string? expected) =>
        Assert.Equal(expected, Month.FromWords(text, December2026, whenEmpty: new Month(2026, 6))?.ToString());

    [Fact]
    public void MonthsFollowTheProgramsTimeZone()
    {
        // 9 pm on October 31 in New York is already November in UTC.
        var halloweenEvening = new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);
        Assert.Equal(new Month(2026, 10), Month.Of(halloweenEvening, NewYork));
        Assert.Equal(new Month(2026, 11), Month.Of(halloweenEvening, TimeZoneInfo.Utc));
    }

    [Fact]
    public void MonthsStepAcrossYears()
    {
        Assert.Equal(new Month(2027, 1), December2026.Next);
        Assert.Equal(new Month(2025, 12), new Month(2026, 1).Previous);
        Assert.Equal(new Month(2025, 12), December2026.Plus(-12));
        Assert.Equal("December 2026", December2026.Title);
        Assert.Equal(31, December2026.Days);
        Assert.True(December2026.CompareTo(December2026.Previous) > 0);
    }

    [Theory]
    [InlineData("2026-1")]
    [InlineData("november")]
    [InlineData("")]
    public void OnlyTheStoredFormIsReadFromStorage(string text)
    {
        Assert.False(Month.TryParseStored(text, out _));
        Assert.Throws<FormatException>(() => Month.ParseStored(text));
    }
}
