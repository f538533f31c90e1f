namespace WellnessBot.Bot.Hosting;

/// <summary>The "Queue" configuration section: how long the turn queue holds requests, and how often it looks for lost ones.</summary>
internal sealed class QueueSettings
{
    public const string SectionName = "Queue";

    /// <summary>Requests one instance holds (queued or running) before it answers "busy".</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// How long a request just taken stays this instance's before another may take it (a crash frees it then). A turn
    /// started well inside it runs on that reservation, without a lease write of its own.
    /// </summary>
    public int ReservedSeconds { get; set; } = 60;

    /// <summary>How long a running turn is this instance's: turns take well under a second; retries to a throttled channel, minutes.</summary>
    public int RunningSeconds { get; set; } = 300;

    /// <summary>How often the inbox is looked at for requests whose instance is gone.</summary>
    public int LookEverySeconds { get; set; } = 10;

    public TimeSpan Reserved => TimeSpan.FromSeconds(ReservedSeconds);
    public TimeSpan Running => TimeSpan.FromSeconds(RunningSeconds);
    public TimeSpan LookEvery => TimeSpan.FromSeconds(LookEverySeconds);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Capacity is < 1 or > 1_000_000) problems.Add("Queue:Capacity must be between 1 and 1000000.");
        if (ReservedSeconds is < 2 or > 3600) problems.Add("Queue:ReservedSeconds must be between 2 and 3600.");
        if (RunningSeconds < ReservedSeconds || RunningSeconds > 86_400) problems.Add("Queue:RunningSeconds must be at least Queue:ReservedSeconds and at most 86400.");
        if (LookEverySeconds is < 1 or > 3600) problems.Add("Queue:LookEverySeconds must be between 1 and 3600.");
        return problems;
    }
}
