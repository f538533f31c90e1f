using WellnessBot.Bot.Hosting;

WellnessBotHost.Build(args).Run();

/// <summary>The web host's entry point; public so functional tests can start it through WebApplicationFactory.</summary>
public partial class Program;
