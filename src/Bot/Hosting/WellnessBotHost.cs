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
        if (builder.Environment.IsDevelopment() && builder.Configuration["AllowedHosts"] is null or "*")
        {
            // A developer's bot answers only to its own names: a web page on a rebinding domain cannot reach it.
            builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"]);
        }
        if (builder.Configuration.GetValue<int?>("Metrics:Port") is { } metricsPort)
            builder.WebHost.UseUrls([.. OperationsAccess.WithMetricsPort(WellnessBotServices.BoundUrls(builder.Configuration), metricsPort)]);
        builder.AddWellnessBotServices();
        builder.AddCoordinatorsConsole();

        var app = builder.Build();
        app.UseOperationsAccess();
        app.MapWellnessBotEndpoints();
        app.MapCoordinatorsConsole();
        return app;
    }
}
