using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Tests.Kudos;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("first Monday 07:00", "2026-12", "2026-12-07T12:00:00Z")]      // EST, UTC-5
    [InlineData("first Monday 07:00", "2027-03", "2027-03-01T12:00:00Z")]      // still EST (DST starts 14 March)
    [InlineData("first Monday 07:00", "2027-04", "2027-04-05T11:00:00Z")]      // EDT, UTC-4
    [InlineData("last Friday 16:30", "2027-01", "2027-01-29T21:30:00Z")]
    [InlineData("day 31 08:00", "2027-02", "2027-02-28T13:00:00Z")]            // clamped to the month's last day
    [InlineData("second Sunday 02:30", "2027-03", "2027-03-14T07:30:00Z")]     // 02:30 does not exist that night: 03:30 EDT
    [InlineData("first Sunday 01:30", "2026-11", "2026-11-01T05:30:00Z")]      // 01:30 happens twice: the first (EDT)
    public void SchedulesFollowTheProgramsTimeZoneAcrossDaylightSaving(string schedule, string postingMonth, string expectedUtc)
    {
        var settings = new DigestSettings { Schedule = schedule };
        Assert.Empty(settings.Validate());
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), settings.DueAt(Month.ParseStored(postingMonth), NewYork));
    }

    [Fact]
    public void BreakfastDatesPostTheConfiguredDaysBefore()
    {
        var settings = new DigestSettings { BreakfastDates = ["2026-12-03", "2027-01-14"], DaysBefore = 2, Time = "07:00" };
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), settings.DueAt(new Month(2026, 12), NewYork));
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 12, 0, 0, TimeSpan.Zero), settings.DueAt(new Month(2027, 1), NewYork));
        Assert.Null(settings.DueAt(new Month(2027, 2), NewYork)); // no breakfast that month
    }

    [Theory]
    [InlineData("every other Tuesday", "Digest:Schedule")]
    [InlineData("fifth Monday 07:00", "Digest:Schedule")]
    [InlineData("first Monday 7am", "Digest:Schedule")]
    public void UnreadableSchedulesAreNamed(string schedule, string setting) =>
        Assert.Contains(new DigestSettings { Schedule = schedule }.Validate(), p => p.Contains(setting, StringComparison.Ordinal));
}
