using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.Options;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Resources;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>Composition of the bot's services: one place to see what the host is made of.</summary>
internal static class WellnessBotServices
{
    public static WebApplicationBuilder AddWellnessBotServices(this WebApplicationBuilder builder)
    {
        builder.AddTableStore();
        // Counts and ages (no content) from WellnessBot's meter and ASP.NET Core's, for Prometheus at /metrics.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WellnessBot.Dialogs.BotMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The bot is running."), tags: [HealthEndpoints.LivenessTag])
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadinessTag])
            .AddCheck<CredentialsHealthCheck>("credentials", tags: [HealthEndpoints.ReadinessTag]);

        builder.Services.AddSingleton<SettingsSections>();
        builder.AddCheckedSettings<MetricsSettings>(MetricsSettings.SectionName, o => o.Validate());
        builder.AddCheckedSettings<ProgramSettings>(ProgramSettings.SectionName, o => o.Validate());
        builder.AddCheckedSettings<WellnessBot.Dialogs.Kudos.DigestSettings>(WellnessBot.Dialogs.Kudos.DigestSettings.SectionName, o => o.Validate());
        builder.AddCheckedSettings<WellnessBot.Dialogs.Kudos.KudosSettings>(WellnessBot.Dialogs.Kudos.KudosSettings.SectionName, o => o.Validate());
        builder.AddCheckedSettings<WellnessBot.Dialogs.Safety.SafetySettings>(WellnessBot.Dialogs.Safety.SafetySettings.SectionName, o => o.Validate());
        builder.AddSupportSettings();
        builder.AddCheckedSettings<ResourceSettings>(ResourceSettings.SectionName, o => o.Validate())
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                // The catalog ships beside the app; coordinators may point elsewhere. The content root is tried first
                // (a deployment's folder), then the app's own folder (a host started from another directory).
                if (!string.IsNullOrWhiteSpace(o.CatalogPath))
                {
                    o.CatalogPath = Path.GetFullPath(o.CatalogPath, env.ContentRootPath);
                    return;
                }
                var candidates = new[] { env.ContentRootPath, AppContext.BaseDirectory }.Select(root => Path.Combine(root, "catalog", "resources.json"));
                o.CatalogPath = candidates.FirstOrDefault(File.Exists) ?? candidates.First();
            });
        builder.AddCheckedSettings<WellnessBot.Dialogs.Outbox.OutboxSettings>(WellnessBot.Dialogs.Outbox.OutboxSettings.SectionName, o => o.Validate());
        builder.Services.AddWellnessDialogs();

        // Both edges answer their channel at once and hand the turn here.
        builder.Services.AddSingleton<TurnUrgency>();
        builder.Services.AddSingleton<TurnInbox>();
        builder.AddCheckedSettings<QueueSettings>(QueueSettings.SectionName, o => o.Validate());
        builder.Services.AddSingleton<TurnQueue>();
        builder.Services.AddSingleton<ITurnQueue>(services => services.GetRequiredService<TurnQueue>());
        builder.AddTeams();
        builder.AddSlack();
        // Hosted services start in this order: the tables exist before the schedulers first look at them.
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TurnQueue>());
        builder.Services.AddHostedService<Scheduling.MonthlyDigestJob>();
        builder.Services.AddHostedService<Scheduling.SupportTimersJob>();
        builder.Services.AddHostedService<Scheduling.OutboxJob>();
        builder.Services.AddHostedService<Scheduling.CatalogReloadJob>();
        return builder;
    }

    /// <summary>
    /// Peer-support settings. Requests are encrypted with Support:Keys; without a key the bot refuses to start,
    /// except in Development, where a throwaway key is made (and a warning logged at start-up).
    /// </summary>
    public static WebApplicationBuilder AddSupportSettings(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.AddCheckedSettings<SupportSettings>(SupportSettings.SectionName, o => o.Keys.Count == 0
                ? ["Support:Keys is empty. Support requests are encrypted at rest, so the bot needs a key: set Support__Keys__<key id> to 32 random bytes " +
                   "in base64 (for example: openssl rand -base64 32), from a secret store. Keep old key ids listed after a rotation."]
                : o.Validate())
            .PostConfigure(o =>
            {
                if (o.Keys.Count == 0 && development) o.Keys[DevelopmentKeyId] = DetailsProtector.NewKey();
            });
        return builder;
    }

    /// <summary>The key id of the throwaway key a Development run makes when none is configured.</summary>
    public const string DevelopmentKeyId = "development-only";

    /// <summary>The table store chosen by the Storage section, validated at start-up so a bad setting stops the process with its name.</summary>
    public static WebApplicationBuilder AddTableStore(this WebApplicationBuilder builder)
    {
        builder.AddCheckedSettings<StorageOptions>(StorageOptions.SectionName, o => o.Validate());
        builder.Services.AddSingleton<ITableStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var store = TableStoreFactory.Create(options);
            services.GetRequiredService<ILoggerFactory>().CreateLogger("WellnessBot.Storage").StoreSelected(store.ProviderName, store.Location);
            return store;
        });
        return builder;
    }

    /// <summary>Slack: /slack/commands, /slack/events, /slack/interactions (404 without Slack settings), the Web API client.</summary>
    public static WebApplicationBuilder AddSlack(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.AddCheckedSettings<WellnessBot.Bot.Slack.SlackOptions>(WellnessBot.Bot.Slack.SlackOptions.SectionName, o => o.Validate(development));
        builder.Services.AddSingleton(services => new WellnessBot.Bot.Slack.SlackWebApi(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) },
            services.GetRequiredService<WellnessBot.Bot.Slack.SlackOptions>(),
            services.GetRequiredService<ILogger<WellnessBot.Bot.Slack.SlackWebApi>>()));
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackForms>();
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackHome>();
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackShortcuts>();
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackReactions>();
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackInbound>();
        builder.Services.AddSingleton<IQueuedRequestRunner>(services => services.GetRequiredService<WellnessBot.Bot.Slack.SlackInbound>());
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackMessenger>();
        builder.Services.AddSingleton<WellnessBot.Bot.Slack.SlackPeopleDirectory>();
        return builder;
    }

    /// <summary>The addresses Kestrel will listen on, as configured (urls, else http_ports/https_ports on every interface).</summary>
    public static IReadOnlyList<string> BoundUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls) return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ports = $"{configuration["http_ports"]};{configuration["https_ports"]}".Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. ports.Select(port => "http://*:" + port)];
    }

    /// <summary>Teams and other Bot Framework channels: /api/messages, the connector client, conversation references.</summary>
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        // The Bot Framework SDK's settings are top-level keys (MicrosoftAppId, …); bind them from the root.
        builder.AddCheckedSettings<BotFrameworkOptions>(CheckedSettings.TopLevel, o => o.Validate());
        var development = builder.Environment.IsDevelopment();
        var configuration = builder.Configuration;
        builder.AddCheckedSettings<EdgeSettings>(EdgeSettings.SectionName, o => o.Validate(development, BoundUrls(configuration)))
            .PostConfigure(o => o.AllowEmulator ??= development);
        builder.AddCheckedSettings<TeamsSettings>(TeamsSettings.SectionName, o => o.Validate(development, configuration["MicrosoftAppId"], configuration["MicrosoftAppType"]));
        builder.Services.AddHttpClient(nameof(BotFrameworkAuthenticator), client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<BotFrameworkAuthenticator>();
        builder.Services.AddSingleton<BotTokenProvider>();
        builder.Services.AddSingleton(services => new BotConnectorClient(
            services.GetRequiredService<BotTokenProvider>(),
            services.GetService<BotConnectorClientOptions>()));
        builder.Services.AddSingleton<ConversationDirectory>();
        builder.Services.AddSingleton<TeamRoster>();
        builder.Services.AddSingleton<TeamsMessenger>();
        builder.Services.AddSingleton<TeamsPeopleDirectory>();
        builder.Services.AddSingleton<IProactiveMessenger, RoutingMessenger>();
        builder.Services.AddSingleton<IPeopleDirectory, RoutingPeopleDirectory>();
        builder.Services.AddSingleton<TeamsInbound>();
        builder.Services.AddSingleton<TeamsMessageActions>();
        builder.Services.AddSingleton<IQueuedRequestRunner>(services => services.GetRequiredService<TeamsInbound>());
        return builder;
    }
}
