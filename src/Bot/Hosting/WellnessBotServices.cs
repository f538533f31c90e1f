using Microsoft.Extensions.Options;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>Composition of the bot's services: one place to see what the host is made of.</summary>
public static class WellnessBotServices
{
    public static WebApplicationBuilder AddWellnessBotServices(this WebApplicationBuilder builder)
    {
        builder.AddTableStore();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadinessTag]);
        return builder;
    }

    /// <summary>The table store chosen by the Storage section, validated at start-up so a bad setting stops the process with its name.</summary>
    public static WebApplicationBuilder AddTableStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSingleton<ITableStore>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var store = TableStoreFactory.Create(options);
            services.GetRequiredService<ILoggerFactory>().CreateLogger("WellnessBot.Storage")
                .StoreSelected(store.ProviderName, store.Location);
            return store;
        });
        return builder;
    }


    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
