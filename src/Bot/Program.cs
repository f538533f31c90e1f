using WellnessBot.Bot.Hosting;

// "privacy export|erase …" is an admin's command for privacy requests; anything else runs the bot.
if (args is ["privacy", .. var privacy])
    return await PrivacyCommand.RunAsync(privacy, Console.Out, Console.Error);

WellnessBotHost.Build(args).Run();
return 0;

/// <summary>The web host's entry point; public so functional tests can start it through WebApplicationFactory.</summary>
public partial class Program;
