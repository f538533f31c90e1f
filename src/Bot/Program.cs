using WellnessBot.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddWellnessBotServices();

var app = builder.Build();
app.MapWellnessBotEndpoints();
app.Run();

/// <summary>The web host; public so functional tests can start it through WebApplicationFactory.</summary>
public partial class Program;
