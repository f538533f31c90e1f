using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// "Give kudos" from a message's menu or the compose box (a message extension action command with fetchTask).
/// Teams asks for the dialog (composeExtension/fetchTask), then sends what was filled in (composeExtension/submitAction);
/// both are answered in the request, within Teams' time limit. The form's submission is an ordinary kudos turn:
/// saved, checked and shouted out like any other, and a form that needs another look comes back in the dialog.
/// </summary>
internal sealed partial class TeamsMessageActions(TeamsInbound inbound, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The command's id in the app manifest (composeExtensions).</summary>
    public const string CommandId = "giveKudos";
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";

    public static bool Serves(Activity activity) => activity.Name is FetchTask or SubmitAction;

    /// <summary>The invoke's answer: a status, and the JSON body Teams reads.</summary>
    public readonly record struct Answer(int Status, JsonObject? Body);

    public async Task<Answer> AnswerAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value || value.Get("commandId").Text() != CommandId)
            return Problem("This action is not one of WellnessBot's.");
        try
        {
            return activity.Name == FetchTask ? await OpenAsync(activity, value, ct).ConfigureAwait(false) : await SubmitAsync(activity, value, ct).ConfigureAwait(false);
        }
        catch (WellnessBot.Storage.TableStoreException)
        {
            // The store is down (a turn's own failures are answered inside it): said in the dialog, never a 500.
            return Say("Sorry, I couldn't do that just now. Please try again in a minute.");
        }
    }

    /// <summary>The kudos form for the message's author, with a short quote; from the compose box, an empty one.</summary>
    private async Task<Answer> OpenAsync(Activity activity, JsonElement value, CancellationToken ct)
    {
        if (ActivityMapper.ToInvokeTurn(activity, clock.GetUtcNow(), submission: null) is not { } turn) return Problem("The action names no one.");
        await inbound.RememberAsync(activity, turn, ct).ConfigureAwait(false);
        var message = value.Get("messagePayload");
        await using var scope = scopes.CreateAsyncScope();
        var form = await scope.ServiceProvider.GetRequiredService<KudosFromMessage>().FormAsync(turn, AuthorOf(message), TextOf(message), ct).ConfigureAwait(false);
        return Dialog(form);
    }

    /// <summary>The filled-in form, run as a kudos turn. Closes the dialog, or shows the form again when it needs another look.</summary>
    private async Task<Answer> SubmitAsync(Activity activity, JsonElement value, CancellationToken ct)
    {
        var submission = ActivityMapper.SubmissionFrom(value.Get("data"));
        if (submission is null || !submission.ActionId.StartsWith(KudosDialog.Command + ".", StringComparison.Ordinal))
            return Say("That form has expired. Please start again from the message's menu: … → Give kudos.");
        if (ActivityMapper.ToInvokeTurn(activity, clock.GetUtcNow(), submission) is not { } turn) return Problem("The action names no one.");
        FormCatcher? catcher = null;
        await inbound.RunInvokeAsync(activity, turn, context => catcher = new FormCatcher(context), ct).ConfigureAwait(false);
        return catcher?.Form is { } again ? Dialog(again) : new Answer(StatusCodes.Status200OK, []);
    }

    /// <summary>
    /// The author of the message: Teams names a person by their Azure AD object id (which the roster resolves), an app
    /// by its own. Ids far beyond what Teams sends are nobody.
    /// </summary>
    private static MessageAuthor? AuthorOf(JsonElement? message)
    {
        var from = message.Get("from");
        if (from.Get("user") is { ValueKind: JsonValueKind.Object } user && user.Get("id").Text() is { Length: > 0 and <= 64 } id)
            return new MessageAuthor(id, UserRef.NameFrom(user.Get("displayName").Text(), "your colleague"), IsApp: false);
        if (from.Get("application") is { ValueKind: JsonValueKind.Object } app)
            return new MessageAuthor(app.Get("id").Text() ?? "app", UserRef.NameFrom(app.Get("displayName").Text(), "an app"), IsApp: true);
        return null;
    }

    /// <summary>The message's words: Teams sends HTML, so tags go and entities are decoded; the quote is cut short after.</summary>
    private static string? TextOf(JsonElement? message)
    {
        if (message.Get("body").Get("content").Text() is not { Length: > 0 } content) return null;
        if (content.Length > 16_384) content = content[..16_384];
        return WebUtility.HtmlDecode(Tag().Replace(content, " "));
    }

    private static Answer Dialog(Card form) => new(StatusCodes.Status200OK, new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = "Give kudos",
                ["height"] = "large",
                ["width"] = "medium",
                ["card"] = new JsonObject { ["contentType"] = AdaptiveCardRenderer.ContentType, ["content"] = AdaptiveCardRenderer.Render(form) },
            },
        },
    });

    /// <summary>A short message in the dialog, in place of a form.</summary>
    private static Answer Say(string text) => new(StatusCodes.Status200OK, new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } });

    private static Answer Problem(string text) => new(StatusCodes.Status400BadRequest, new JsonObject { ["problem"] = text });

    [GeneratedRegex("<[^>]{0,2048}>")]
    private static partial Regex Tag();

    /// <summary>
    /// The dialogs send a form back privately when it needs another look (patient details, nobody picked): here it
    /// goes back into the open dialog instead. Everything else is said as in any Teams turn.
    /// </summary>
    private sealed class FormCatcher(ITurnContext inner) : ITurnContext
    {
        public Card? Form { get; private set; }
        public Turn Turn => inner.Turn;

        public Task<string?> ReplyAsync(BotMessage message, CancellationToken ct = default) => inner.ReplyAsync(message, ct);

        public Task<bool> ReplyPrivatelyAsync(BotMessage message, CancellationToken ct = default)
        {
            if (message.Card is not { Kind: KudosCards.FormKind } form || Form is not null) return inner.ReplyPrivatelyAsync(message, ct);
            Form = form;
            return Task.FromResult(true);
        }
    }
}
