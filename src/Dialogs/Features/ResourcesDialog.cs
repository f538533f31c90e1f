using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// "resources": the category menu; "resources childcare", "resources money advice": the best few matches, each a
/// card with what it is, why it matched, and its link or phone. Answers are private (what someone looks for is
/// their business). Coordinators: "resources status" (the catalog file, when it loaded, what to fix or fill).
/// Plain questions that start no command ("I'm burned out") reach <see cref="AnswerPlainWordsAsync"/>: the route table names this dialog as the one that answers plain words.
/// </summary>
public sealed class ResourcesDialog(CatalogSource catalog, Safety.SafetyNet safety, ProgramSettings program) : IDialog, IAnswersPlainWords
{
    public const string Command = "resources";
    public const string CategoryAction = "resources.category";
    public const string MenuAction = "resources.menu";
    /// <summary>A card's "Next match" button: shows that resource.</summary>
    public const string ShowAction = "resources.show";
    private const int MaxShownInCategory = 6, MaxShownForAQuestion = 3;

    public string Name => Command;

    public async Task<DialogOutcome> StartAsync(DialogContext dialog, string argument, CancellationToken ct)
    {
        var context = dialog.Context;
        var question = argument.Trim();
        if (question.Length == 0)
        {
            await context.ReplyPrivatelyAsync(BotMessage.Show(ResourceCards.Menu()), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        if (question.Equals("status", StringComparison.OrdinalIgnoreCase) && program.IsCoordinator(context.Turn.From))
        {
            await context.ReplyPrivatelyAsync(BotMessage.Say(Status()), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        var crisis = dialog.Turn.Submission is null && safety.Check(question) == Safety.SafetySignal.Crisis;
        if (!await AnswerAsync(context, question, crisis, ct).ConfigureAwait(false))
            await context.ReplyPrivatelyAsync(BotMessage.Show(ResourceCards.NoMatch(question, catalog.Finder.Catalog.Office)), ct).ConfigureAwait(false);
        return DialogOutcome.End;
    }

    /// <summary>Words no route claimed: answered when the catalog has something for them (never a crisis: the engine says nothing more then).</summary>
    public Task<bool> AnswerPlainWordsAsync(ITurnContext context, string text, CancellationToken ct) => AnswerAsync(context, text, crisis: false, ct);

    public async Task<DialogOutcome> ContinueAsync(DialogContext dialog, CancellationToken ct)
    {
        if (dialog.Turn.Submission is { ActionId: ResourcesDialog.MenuAction })
        {
            await dialog.Context.ReplyPrivatelyAsync(BotMessage.Show(ResourceCards.Menu()), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        if (dialog.Turn.Submission is { ActionId: ResourcesDialog.ShowAction } show)
        {
            await ShowOneAsync(dialog.Context, show.Value(ResourceCards.ResourceData), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        if (dialog.Turn.Submission is not { ActionId: ResourcesDialog.CategoryAction } form) return DialogOutcome.End;
        var category = form.Value(ResourceCards.CategoryInput) ?? "";
        var found = catalog.Finder.InCategory(category);
        if (found.Count == 0)
        {
            await dialog.Context.ReplyPrivatelyAsync(BotMessage.Show(ResourceCards.Menu("Please pick a category (or tell me in your own words what would help).")), ct).ConfigureAwait(false);
            return DialogOutcome.End;
        }
        await dialog.Context.ReplyPrivatelyAsync(BotMessage.Say($"**{ResourceCatalog.CategoryTitle(category)}**: {found.Count} resource{(found.Count == 1 ? "" : "s")}"), ct).ConfigureAwait(false);
        var office = catalog.Finder.Catalog.Office;
        for (var i = 0; i < Math.Min(found.Count, MaxShownInCategory); i++)
        {
            var next = i == MaxShownInCategory - 1 && found.Count > MaxShownInCategory ? found[MaxShownInCategory] : null;
            await dialog.Context.ReplyPrivatelyAsync(BotMessage.Show(ResourceCards.For(found[i], office, next: next)), ct).ConfigureAwait(false);
        }
        return DialogOutcome.End;
    }

    /// <summary>The resource a "Next match" button names; one no longer in the catalog gets the menu, kindly.</summary>
    private async Task ShowOneAsync(ITurnContext context, string? id, CancellationToken ct)
    {
        var current = catalog.Finder.Catalog;
        var message = current.Resources.FirstOrDefault(r => r.Id == id) is { } resource
            ? BotMessage.Show(ResourceCards.For(resource, current.Office))
            : BotMessage.Show(ResourceCards.Menu("That resource isn't in the catalog any more. Pick a category, or tell me in your own words what would help."));
        await context.ReplyPrivatelyAsync(message, ct).ConfigureAwait(false);
    }

    /// <summary>Shows the best matches for a question privately; false when nothing matched.</summary>
    public async Task<bool> AnswerAsync(Turns.ITurnContext context, string question, bool crisis, CancellationToken ct)
    {
        // One more than is shown: the last card without a contact of its own offers it as "Next match".
        var matches = catalog.Finder.Find(question, max: MaxShownForAQuestion + 1, crisis: crisis);
        if (matches.Count == 0) return false;
        var office = catalog.Finder.Catalog.Office;
        for (var i = 0; i < Math.Min(matches.Count, MaxShownForAQuestion); i++)
        {
            var next = i == MaxShownForAQuestion - 1 && matches.Count > MaxShownForAQuestion ? matches[MaxShownForAQuestion].Resource : null;
            await context.ReplyPrivatelyAsync(BotMessage.Show(ResourceCards.For(matches[i].Resource, office, matches[i].Because, next)), ct).ConfigureAwait(false);
        }
        return true;
    }

    private string Status()
    {
        var current = catalog.Finder.Catalog;
        var text = $"**Resource catalog**: {catalog.Path}\n\n{current.Resources.Count} resources in use, loaded {catalog.LoadedAt:yyyy-MM-dd HH:mm} UTC. Edits to the file are picked up within seconds.";
        if (catalog.LastProblem is { } problem)
            text += "\n\n⚠️ The latest edit could not be used (the previous version is still in use):\n\n- " + string.Join("\n- ", problem.Problems.Take(20));
        var todo = current.Placeholders();
        if (todo.Count > 0)
            text += $"\n\n**Still to fill in** ({todo.Count}; not shown to residents until filled):\n\n- " + string.Join("\n- ", todo);
        return text;
    }
}
