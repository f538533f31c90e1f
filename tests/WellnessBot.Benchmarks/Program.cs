using WellnessBot.Benchmarks;

var which = args.Length > 0 ? args[0] : "all";
if (which == "serve-bot") // the bot in a process of its own, started by a load benchmark
{
    await BotChild.ServeAsync(args[1..]);
    return 0;
}
var known = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["storage"] = StorageBenchmark.RunAsync,
    ["turns"] = TurnLoadBenchmark.RunAsync,
    ["kudos"] = KudosBenchmark.RunAsync,
    ["kudos-turns"] = KudosBenchmark.GivingAsync, // the channel kudos turns alone, in a process of their own (memory)
    ["support"] = SupportBenchmark.RunAsync,
    ["resources"] = ResourcesBenchmark.RunAsync,
    ["slack"] = SlackBenchmark.RunAsync,
    ["safety"] = SafetyBenchmark.RunAsync,
    ["console"] = ConsoleBenchmark.RunAsync,
    ["safety-train"] = SafetyBenchmark.TrainAsync,
};

if (which == "all")
{
    foreach (var (name, run) in known)
        if (name is not ("safety-train" or "kudos-turns")) await run(); // training writes the shipped model: only when asked for
}
else if (known.TryGetValue(which, out var run))
{
    await run();
}
else
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'. Choose one of: all, {string.Join(", ", known.Keys)}.");
    return 2;
}
return 0;
