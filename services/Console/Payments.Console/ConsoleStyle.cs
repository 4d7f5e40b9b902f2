namespace Payments.OperatorConsole;

/// <summary>The console's one style sheet, served from <see cref="ConsolePaths.StyleSheet"/> (no inline styles: CSP).</summary>
internal static class ConsoleStyle
{
    public const string Css = """
        :root { --fg:#1d2430; --muted:#5b6473; --line:#d9dee7; --bg:#f6f7fa; --ok:#1f7a44; --warn:#9a5b00; --bad:#b3261e; --accent:#2853c7; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
        header { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1.2rem; background:#1d2430; color:#fff; }
        header a { color:#fff; text-decoration:none; } header a:hover { text-decoration:underline; }
        header .who { margin-left:auto; display:flex; gap:.8rem; align-items:center; color:#c9d1de; }
        header button { background:none; border:1px solid #6b7487; color:#fff; border-radius:4px; padding:.2rem .6rem; cursor:pointer; }
        main { max-width:1200px; margin:1.2rem auto; padding:0 1.2rem; }
        h1 { font-size:1.35rem; margin:.2rem 0 1rem; } h2 { font-size:1.05rem; margin:1.6rem 0 .6rem; }
        section.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:1rem 1.2rem; margin-bottom:1rem; }
        table { border-collapse:collapse; width:100%; background:#fff; }
        th, td { text-align:left; padding:.35rem .55rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { font-weight:600; color:var(--muted); font-size:.85rem; }
        code, pre { font-family:ui-monospace, "SFMono-Regular", Menlo, monospace; font-size:.85rem; }
        pre { background:#f0f2f6; padding:.7rem; border-radius:4px; overflow:auto; max-height:28rem; white-space:pre-wrap; word-break:break-all; }
        .muted { color:var(--muted); } .ok { color:var(--ok); } .warn { color:var(--warn); } .bad { color:var(--bad); }
        .pill { display:inline-block; padding:0 .5rem; border-radius:999px; font-size:.8rem; border:1px solid currentColor; }
        .notice { padding:.6rem .9rem; border-radius:4px; margin-bottom:1rem; background:#e8f3ec; border:1px solid #b6dcc4; }
        .error { padding:.6rem .9rem; border-radius:4px; margin-bottom:1rem; background:#fbeaea; border:1px solid #efc0bd; }
        .why { font-size:1.05rem; padding:.7rem .9rem; border-left:4px solid var(--accent); background:#eef2fc; margin:.4rem 0 1rem; }
        form.inline { display:inline; }
        input[type=text], input[type=password], input[type=search], select { padding:.35rem .5rem; border:1px solid var(--line); border-radius:4px; font:inherit; }
        button, .button { padding:.35rem .8rem; border:1px solid var(--accent); background:var(--accent); color:#fff; border-radius:4px; font:inherit; cursor:pointer; text-decoration:none; display:inline-block; }
        button.secondary, .button.secondary { background:#fff; color:var(--accent); }
        button.danger { background:var(--bad); border-color:var(--bad); }
        .filters { display:flex; flex-wrap:wrap; gap:.5rem; align-items:end; } .filters label { display:flex; flex-direction:column; font-size:.8rem; color:var(--muted); }
        dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.25rem 1rem; margin:0; } dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; }
        .grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(220px, 1fr)); gap:1rem; }
        .figure { font-size:1.8rem; font-weight:600; }
        svg text { font:11px system-ui, sans-serif; fill:var(--muted); }
        details summary { cursor:pointer; }
        """;
}
