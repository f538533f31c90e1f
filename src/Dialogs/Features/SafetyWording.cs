namespace WellnessBot.Dialogs.Features;

/// <summary>
/// The crisis wording, in one place so every surface says the same thing. The bot is not a crisis service and
/// says so; it points to the real national numbers.
/// </summary>
public static class SafetyWording
{
    public const string CrisisLine =
        "If you are in crisis or thinking about harming yourself, call or text **988** (Suicide & Crisis Lifeline). In an emergency, call **911**.";
}
