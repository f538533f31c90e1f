using Microsoft.Extensions.Options;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// The one way a settings section is registered: bound from configuration, checked at start-up (a bad value
/// stops the host with a message naming the setting), and registered as the value itself for the classes that
/// take it. A section left out gets its defaults, and start-up says so (<see cref="SettingsSections"/>).
/// </summary>
internal static class CheckedSettings
{
    /// <summary>The name under which the Bot Framework SDK's own settings sit: the top level.</summary>
    public const string TopLevel = "";

    public static OptionsBuilder<T> AddCheckedSettings<T>(this WebApplicationBuilder builder, string section, Func<T, IReadOnlyList<string>> problems)
        where T : class
    {
        var configuration = section == TopLevel ? builder.Configuration : (IConfiguration)builder.Configuration.GetSection(section);
        var options = builder.Services.AddOptions<T>().Bind(configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(new ProblemsValidator<T>(problems));
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        if (section != TopLevel) builder.Services.AddSingleton(new SettingsSections.Section(section));
        return options;
    }

    private sealed class ProblemsValidator<T>(Func<T, IReadOnlyList<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options);
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}

/// <summary>The sections registered with <see cref="CheckedSettings"/>, so start-up can name those left at their defaults.</summary>
internal sealed class SettingsSections(IEnumerable<SettingsSections.Section> sections, IConfiguration configuration)
{
    public sealed record Section(string Name);

    public IReadOnlyList<string> OnDefaults() =>
        sections.Select(s => s.Name).Distinct().Where(name => !configuration.GetSection(name).Exists()).Order(StringComparer.Ordinal).ToList();
}
