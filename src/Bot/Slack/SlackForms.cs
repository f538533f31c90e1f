using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Forms sent in a message (no trigger to open a modal then) are kept in the table store under the form's id, so
/// the "Open the form" button opens exactly that form on whichever instance gets the click.
/// </summary>
internal sealed class SlackForms(ITableStore store)
{
    private readonly ITableClient _table = store.GetTableClient(StorageKeys.ConversationsTable);

    public async Task RememberAsync(Card card, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.SlackForm(FormId(card));
        await _table.UpsertEntityAsync(new TableEntity(pk, rk) { ["View"] = BlockKitRenderer.Modal(card).ToJsonString() }, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    public async Task<System.Text.Json.Nodes.JsonObject?> FindAsync(string formId, CancellationToken ct)
    {
        var (pk, rk) = StorageKeys.SlackForm(formId);
        var row = await _table.GetEntityAsync(pk, rk, ct).ConfigureAwait(false);
        return row?.GetString("View") is { } view ? System.Text.Json.Nodes.JsonNode.Parse(view) as System.Text.Json.Nodes.JsonObject : null;
    }

    /// <summary>A form's id: its submit action and data (a draft id), so the same form is one row.</summary>
    public static string FormId(Card card)
    {
        var submit = card.Actions.OfType<SubmitAction>().FirstOrDefault();
        var key = card.Kind + "|" + submit?.ActionId + "|" + string.Join("&", (submit?.Data ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..24];
    }
}
