using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WellnessBot.Dialogs.Engine;

namespace WellnessBot.Dialogs;

public static class DialogServices
{
    /// <summary>The dialog engine and every dialog named in <see cref="BotRoutes"/>.</summary>
    public static IServiceCollection AddWellnessDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProgramSettings>();
        services.AddSingleton<DialogStateStore>();
        services.AddSingleton<Kudos.KudosStore>();
        services.AddSingleton<Kudos.KudosPreferences>();
        services.AddSingleton<Kudos.ReactionLedger>();
        services.AddSingleton<Kudos.DigestLedger>();
        services.AddSingleton<Kudos.ProgramChannels>();
        services.TryAddSingleton<Kudos.DigestSettings>();
        services.TryAddSingleton<Kudos.KudosSettings>();
        services.AddSingleton<Kudos.DigestPublisher>();
        services.TryAddSingleton<Support.SupportSettings>();
        services.AddSingleton<Support.DetailsProtector>();
        services.TryAddSingleton<Outbox.OutboxSettings>();
        services.AddSingleton<Outbox.Outbox>();
        services.AddSingleton<Support.SupportRequests>();
        services.AddSingleton<Support.PeerRoster>();
        services.AddSingleton<Support.SupportAudit>();
        services.AddSingleton<Support.SupportNotices>();
        services.AddSingleton<Support.CardRedaction>();
        services.AddSingleton<Support.SupportRouting>();
        services.AddSingleton<Support.EventOutreach>();
        services.AddSingleton<Support.SupportTimers>();
        services.AddSingleton<Support.SupporterActions>();
        services.AddSingleton<Support.RequesterActions>();
        services.AddSingleton<Support.SupportAccess>();
        services.AddSingleton<Privacy.PersonalData>();
        services.TryAddSingleton<Resources.ResourceSettings>();
        services.AddSingleton<Resources.CatalogSource>();
        services.AddSingleton<Resources.CatalogUpdates>();
        services.AddSingleton<Resources.CatalogStore>();
        services.AddSingleton<Resources.CatalogSync>();
        services.TryAddSingleton(new RouteTable(BotRoutes.All));
        services.TryAddSingleton<Safety.SafetySettings>();
        // Built once per process: the warning signs and the model are the same for everyone; a program's own phrases make its own net.
        services.AddSingleton(sp => sp.GetRequiredService<Safety.SafetySettings>() is { CrisisPhrases.Count: > 0 } custom
            ? new Safety.SafetyNet(custom) : Safety.SafetyNet.Standard);
        services.AddSingleton<ICrisisResponse, Features.CrisisHelp>();
        services.AddScoped<TurnHandler>();
        services.AddScoped<Features.KudosFromMessage>();
        foreach (var dialog in BotRoutes.All.Select(r => r.Dialog).Append(BotRoutes.Welcome).Append(BotRoutes.PlainWords))
            services.TryAddScoped(dialog);
        return services;
    }
}
