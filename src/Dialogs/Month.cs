using System.Globalization;

namespace WellnessBot.Dialogs;

/// <summary>
/// A calendar month of the program: what kudos are kept under, what a digest covers, what H3 figures count.
/// Written "2026-11" in storage keys and cards' data; read the ways coordinators say a month.
/// </summary>
public readonly record struct Month : IComparable<Month>
{
    /// <summary>The one written form of a month, for keys and card data.</summary>
    private const string Format = "yyyy-MM";

    public Month(int year, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 12);
        Year = year;
        Number = number;
    }

    public int Year { get; }

    /// <summary>1 for January … 12 for December.</summary>
    public int Number { get; }

    public DateOnly FirstDay => new(Year, Number, 1);

    public int Days => DateTime.DaysInMonth(Year, Number);

    public Month Next => Plus(1);

    public Month Previous => Plus(-1);

    /// <summary>"November 2026".</summary>
    public string Title => FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The month an instant falls in, in the program's time zone (a kudos at 9 pm on Oct 31 in New York is October's).</summary>
    public static Month Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new Month(local.Year, local.Month);
    }

    /// <summary>The stored form, "2026-11"; anything else is not a month.</summary>
    public static bool TryParseStored(string? text, out Month month)
    {
        month = default;
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return false;
        month = new Month(at.Year, at.Month);
        return true;
    }

    public static Month ParseStored(string text) =>
        TryParseStored(text, out var month) ? month : throw new FormatException($"'{text}' is not a month written {Format}.");

    /// <summary>
    /// A month as people write it: "2026-10", "this month", "last month", "october", "Oct 2026", "october, 2026",
    /// "10/2026". A month's name alone is the latest one not in the future. Empty text is <paramref name="whenEmpty"/>.
    /// </summary>
    public static Month? FromWords(string text, Month thisMonth, Month whenEmpty)
    {
        var words = string.Join(' ', text.ToLowerInvariant().Replace(',', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (words.Length == 0) return whenEmpty;
        if (words is "this month" or "this") return thisMonth;
        if (words is "last month" or "last" or "previous month") return thisMonth.Previous;
        if (TryParseStored(words, out var stored)) return stored;
        string[] withYear = ["MMMM yyyy", "MMM yyyy", "M/yyyy", "MM/yyyy", "yyyy/MM", "yyyy MMMM", "yyyy MMM"];
        if (DateTime.TryParseExact(words, withYear, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dated))
            return new Month(dated.Year, dated.Month);
        if (!DateTime.TryParseExact(words, ["MMMM", "MMM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var named))
            return NamedShort(words, thisMonth);
        var candidate = new Month(thisMonth.Year, named.Month);
        return candidate.CompareTo(thisMonth) > 0 ? candidate.Plus(-12) : candidate;
    }

    public Month Plus(int months)
    {
        var index = Year * 12 + (Number - 1) + months;
        return new Month(index / 12, index % 12 + 1);
    }

    public int CompareTo(Month other) => (Year * 12 + Number).CompareTo(other.Year * 12 + other.Number);

    public override string ToString() => FirstDay.ToString(Format, CultureInfo.InvariantCulture);

    // "sept" is how many write September; .NET's abbreviation is "Sep".
    private static Month? NamedShort(string words, Month thisMonth) =>
        words == "sept" ? FromWords("sep", thisMonth, thisMonth) : null;
}
