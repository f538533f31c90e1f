namespace WellnessBot.Dialogs.Resources;

/// <summary>A link or phone number; <see cref="IsPlaceholder"/> when coordinators have yet to fill it ("TODO: …").</summary>
public sealed record ResourceContact(string Title, string Value)
{
    public bool IsPlaceholder => Value.StartsWith("TODO", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Something the bot itself does for this resource ("support", "kudos"): shown as a button that starts it.</summary>
public sealed record InBotAction(string Command, string Title);
