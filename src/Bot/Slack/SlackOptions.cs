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

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(BotToken);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(BotToken) && string.IsNullOrWhiteSpace(SigningSecret))
            problems.Add("Slack:SigningSecret is required when Slack:BotToken is set (Slack app → Basic Information → Signing Secret); without it no Slack request can be verified.");
        if (string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(SigningSecret))
            problems.Add("Slack:BotToken is required when Slack:SigningSecret is set (Slack app → OAuth & Permissions → Bot User OAuth Token, xoxb-…).");
        if (!ApiBaseUrl.IsAbsoluteUri) problems.Add("Slack:ApiBaseUrl must be an absolute URL.");
        if (MaxRetries is < 0 or > 10) problems.Add("Slack:MaxRetries must be between 0 and 10.");
        return problems;
    }
}
