using System.Globalization;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Benchmarks;

/// <summary>A month of 50,000 kudos among 400 residents, written in batches of 100: what the digest and console benchmarks read.</summary>
internal static class BigMonth
{
    public const int Kudos = 50_000;

    public static async Task SeedAsync(ITableClient table, Month month)
    {
        var people = Enumerable.Range(0, 400).Select(i => new UserRef("msteams", $"29:r{i}", $"Resident {i:D3}")).ToArray();
        var random = new Random(7);
        for (var batch = 0; batch < Kudos / 100; batch++)
        {
            var actions = new List<TableTransactionAction>(100);
            for (var j = 0; j < 100; j++)
            {
                var n = batch * 100 + j;
                actions.Add(TableTransactionAction.Add(KudosStore.ToEntity(new KudosRecord
                {
                    Id = KudosStore.IdFor("bench-" + n.ToString(CultureInfo.InvariantCulture)), Month = month, Giver = people[random.Next(people.Length)],
                    Recipients = [people[random.Next(people.Length)]],
                    Message = "Thank you for covering my pager at 3am so I could sleep before my exam — you're a star.",
                    Category = (KudosCategory)(n % 6), Anonymous = n % 7 == 0,
                    GivenAt = new DateTimeOffset(month.FirstDay, TimeOnly.MinValue, TimeSpan.Zero).AddSeconds(n * 40), // 23 days: inside any month
                })));
            }
            await table.SubmitTransactionAsync(actions);
        }
    }
}
