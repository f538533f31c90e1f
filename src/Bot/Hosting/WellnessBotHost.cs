using WellnessBot.Bot.CoordinatorsConsole;

namespace WellnessBot.Bot.Hosting;

internal static class WellnessBotHost
{
    /// <summary>The port Bot Framework tooling expects a local bot on.</summary>
    public const string DefaultUrl = "http://localhost:3978";

    /// <summary>Builds the whole bot, ready to run: services, routes, and http://localhost:3978 unless URLs are configured.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.AddWellnessBotServices();
        builder.AddCoordinatorsConsole();

        var app = builder.Build();
        app.MapWellnessBotEndpoints();
        app.MapCoordinatorsConsole();
        return app;
    }
}
