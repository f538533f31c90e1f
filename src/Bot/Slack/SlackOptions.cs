namespace WellnessBot.Bot.Slack;

/// <summary>The "Slack" configuration section. With none of it, the Slack endpoints answer 404 and the rest of the bot runs.</summary>
internal sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>From the Slack app's Basic Information page: verifies that requests come from Slack.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot user OAuth token (xoxb-…) from OAuth &amp; Permissions.</summary>
    public string? BotToken { get; set; }

    /// <summary>Slack's Web API base; tests point it at a loopback stand-in.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How many times a Web API call is retried after a 429 or a 5xx.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The workspaces (team ids, T…) whose requests are served; others get 403. Required outside Development when
    /// Slack is configured. A Slack Connect user from another organisation is told politely that the bot serves this program only.
    /// </summary>
    public List<string> AllowedTeams { get; set; } = [];

    /// <summary>Where a response_url may point: Slack's own hooks host; anything else is never called. Tests point it at a stand-in.</summary>
    public Uri ResponseUrlBase { get; set; } = new("https://hooks.slack.com/");

    /// <summary>Whether a team id is served (any, when the list is empty: Development only).</summary>
    public bool Serves(string? team) => AllowedTeams.Count == 0 || (team is { Length: > 0 } && AllowedTeams.Contains(team, StringComparer.Ordinal));

    /// <summary>A response_url the bot may call: absolute, under <see cref="ResponseUrlBase"/>; null for anything else.</summary>
    public Uri? ResponseUrl(string? raw) =>
        Uri.TryCreate(raw, UriKind.Absolute, out var url) && url.Scheme == ResponseUrlBase.Scheme && url.IdnHost == ResponseUrlBase.IdnHost
        && url.Port == ResponseUrlBase.Port && url.AbsolutePath.StartsWith(ResponseUrlBase.AbsolutePath, StringComparison.Ordinal) && url.UserInfo.Length == 0
            ? url : null;

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);

    public IReadOnlyList<string> Validate(bool development)
    {
        var problems = new List<string>();
        if (Enabled && !development && AllowedTeams.Count == 0)
            problems.Add("Slack:AllowedTeams is required outside Development: list your workspace's team id (Slack__AllowedTeams__0=T…), so that no other workspace is served.");
        if (AllowedTeams.Any(string.IsNullOrWhiteSpace)) problems.Add("Slack:AllowedTeams has an empty entry.");
        if (!ResponseUrlBase.IsAbsoluteUri || (ResponseUrlBase.Scheme != "https" && !ResponseUrlBase.IsLoopback))
            problems.Add("Slack:ResponseUrlBase must be an https URL (http only for a loopback test server).");
        if (!string.IsNullOrWhiteSpace(BotToken) && string.IsNullOrWhiteSpace(SigningSecret))
            problems.Add("Slack:SigningSecret is required when Slack:BotToken is set (Slack app → Basic Information → Signing Secret); without it no Slack request can be verified.");
        if (string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(SigningSecret))
            problems.Add("Slack:BotToken is required when Slack:SigningSecret is set (Slack app → OAuth & Permissions → Bot User OAuth Token, xoxb-…).");
        if (!ApiBaseUrl.IsAbsoluteUri) problems.Add("Slack:ApiBaseUrl must be an absolute URL.");
        if (MaxRetries is < 0 or > 10) problems.Add("Slack:MaxRetries must be between 0 and 10.");
        return problems;
    }
}
