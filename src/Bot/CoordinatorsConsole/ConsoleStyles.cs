namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>The console's stylesheet: Teams-like colours with AA contrast, large targets, a visible focus ring.</summary>
internal static class ConsoleStyles
{
    public const string Css = """
        :root { color-scheme: light; --brand: #4f52b2; --ink: #242424; --muted: #616161; --line: #d1d1d1; --warn: #8a3707; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "Segoe UI", system-ui, sans-serif; color: var(--ink); background: #f5f5f5; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
        .bar { display: flex; gap: 24px; align-items: center; padding: 8px 24px; background: var(--brand); color: #fff; }
        .bar a, .bar span { color: #fff; } .brand { font-weight: 600; } .bar nav { display: flex; gap: 16px; }
        .signout { margin-left: auto; display: flex; gap: 12px; align-items: center; }
        main { max-width: 960px; margin: 24px auto; padding: 24px; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        h1 { font-size: 24px; margin-top: 0; } h2 { font-size: 18px; }
        button { font: inherit; padding: 6px 16px; margin: 4px; border: 1px solid var(--brand); border-radius: 4px; background: #fff; color: var(--brand); cursor: pointer; }
        .bar button { background: transparent; color: #fff; border-color: #fff; }
        fieldset { border: 1px solid var(--line); border-radius: 4px; } legend { color: var(--muted); }
        .warning { color: var(--warn); } .notice { padding: 8px 12px; border-left: 4px solid var(--brand); background: #f0f0fa; }
        .tabs { display: flex; gap: 16px; margin-bottom: 16px; } .tabs a[aria-current] { font-weight: 600; text-decoration: none; border-bottom: 3px solid var(--brand); }
        .readaloud h2 { margin-bottom: 4px; } .count, .from { color: var(--muted); font-weight: normal; }
        .tag { display: inline-block; font-size: 12px; padding: 0 8px; border-radius: 10px; background: #e8ebfa; color: #33358a; }
        .downloads { display: flex; gap: 24px; } form.inline { display: inline; } details { margin: 4px 0 12px; }
        .hidden-note { color: var(--warn); font-style: italic; } input[type=text] { font: inherit; padding: 4px 8px; min-width: 320px; }
        @media print { .bar, .skip, .downloads, nav, form, details { display: none; } main { border: 0; margin: 0; max-width: none; } body { background: #fff; font-size: 18pt; } }
        form.resource label { display: block; margin-top: 12px; font-weight: 600; } form.resource input:not([type]), form.resource input[type=text], textarea { width: 100%; font: inherit; padding: 4px 8px; }
        form.resource .check label { display: inline; font-weight: normal; }
        .contact { display: grid; grid-template-columns: 1fr 2fr; gap: 0 12px; } .resources li, .versions li { margin: 4px 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        input.short { min-width: 200px; } select { font: inherit; padding: 4px 8px; min-width: 320px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; } caption { text-align: left; color: var(--muted); padding: 4px 0; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; } td.n, th.n { text-align: right; }
        svg.chart { max-width: 100%; height: auto; } svg.chart text { font: 12px "Segoe UI", system-ui, sans-serif; fill: var(--ink); }
        a:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible, button:focus-visible, main:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
        """;
}
