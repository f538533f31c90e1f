namespace WellnessBot.Dialogs.Resources;

/// <summary>The "Resources" configuration section: where the catalog file is, and how often to look for edits.</summary>
public sealed class ResourceSettings
{
    public const string SectionName = "Resources";

    /// <summary>The catalog file; the host defaults it to catalog/resources.json beside the app.</summary>
    public string CatalogPath { get; set; } = "";

    /// <summary>How often the file is checked for a saved edit.</summary>
    public int ReloadCheckSeconds { get; set; } = 5;

    public IReadOnlyList<string> Validate() =>
        ReloadCheckSeconds is < 1 or > 3600 ? ["Resources:ReloadCheckSeconds must be between 1 and 3600."] : [];
}
