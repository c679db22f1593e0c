/// The sections of the dashboard, in the order the navigation shows them.
enum Section: String, CaseIterable, Sendable {
    case pipeline, runs, versions, compare, datasets, metrics

    var title: String {
        switch self {
        case .pipeline: "Pipeline"
        case .runs: "Runs"
        case .versions: "Versions"
        case .compare: "Compare"
        case .datasets: "Datasets"
        case .metrics: "Metrics"
        }
    }

    var path: String { self == .pipeline ? "/" : "/" + rawValue }
}

/// A rendered page: its title, its section, its content and the API route that serves the same data.
struct Page: Sendable {
    var title: String
    var section: Section?
    var body: HTML
    /// The JSON twin of the page, linked from its footer.
    var api: String?
    /// Whether the page follows the running session over Server-Sent Events.
    var live = false
    /// Whether a session was running when the page was rendered: the page reloads when it ends.
    var running = false

    /// The whole document: one layout shared by every page.
    func document(project: String) -> HTML {
        let navigation = Section.allCases.map { item -> HTML in
            item == section
                ? "<a href=\"\(item.path)\" aria-current=\"page\">\(item.title)</a>"
                : "<a href=\"\(item.path)\">\(item.title)</a>"
        }
        let apiLink: HTML = api.map { "<a href=\"\($0)\">JSON: \($0)</a> · " } ?? ""
        let script: HTML = live ? "<script src=\"/assets/live.js\" defer></script>" : ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <link rel="icon" href="data:,">
            <title>\(title) · \(project) · Weir</title>
            <style>\(Self.style)</style>
            \(script)
            </head>
            <body data-running="\(running ? "1" : "0")">
            <header><a class="brand" href="/">Weir</a> <span class="project">\(project)</span>
            <nav>\(navigation)</nav></header>
            <main>
            <h1>\(title)</h1>
            \(body)
            </main>
            <footer>\(apiLink)read-only dashboard · <code>weir serve</code></footer>
            </body>
            </html>

            """
    }

    static let style: HTML = """
        :root{--fg:#1d232a;--muted:#5f6b76;--line:#d8dee4;--bg:#fff;--panel:#f6f8fa;--accent:#0b5cad;
        --ok:#1a7f37;--run:#9a6700;--reuse:#0969da;--fail:#cf222e;--live:#8250df}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
        header{display:flex;gap:1.2em;align-items:baseline;padding:.7em 1.5em;border-bottom:1px solid var(--line);background:var(--panel)}
        header .brand{font-weight:700;font-size:1.1em;color:var(--fg);text-decoration:none}
        header .project{color:var(--muted)}
        nav{display:flex;gap:1em;margin-left:auto}
        nav a{color:var(--accent);text-decoration:none;padding:.1em .2em}
        nav a[aria-current]{font-weight:600;border-bottom:2px solid var(--accent)}
        main{padding:1em 1.5em 2em;max-width:1400px}
        h1{font-size:1.4em;margin:.2em 0 .6em}
        h2{font-size:1.1em;margin:1.4em 0 .5em}
        a{color:var(--accent)}
        table{border-collapse:collapse;width:100%;margin:.4em 0}
        th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:var(--panel);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}
        pre{background:var(--panel);padding:.7em;overflow:auto;max-height:30em;border:1px solid var(--line)}
        .muted{color:var(--muted)}
        .badge{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.85em;color:#fff;background:var(--muted)}
        .s-up-to-date,.s-succeeded,.q-pass{background:var(--ok)}.s-will-run{background:var(--run)}
        .s-will-reuse{background:var(--reuse)}.s-failed,.s-interrupted,.q-fail{background:var(--fail)}.s-running{background:var(--live)}.q-warn{background:var(--run)}
        .notice{border:1px solid var(--line);border-left:4px solid var(--accent);background:var(--panel);padding:.6em 1em;margin:.6em 0}
        .notice.error{border-left-color:var(--fail)}
        .bar{display:inline-block;width:8em;height:.7em;background:var(--line);vertical-align:middle;margin-right:.4em}
        .bar>span{display:block;height:100%;background:var(--live)}
        form.filters{display:flex;gap:.6em;align-items:end;flex-wrap:wrap;margin:.4em 0}
        form.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
        .pager{display:flex;gap:1em;margin:.6em 0}
        svg text{font-family:system-ui,sans-serif}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:1em}
        .tree{font-family:ui-monospace,monospace;white-space:pre}
        footer{padding:1em 1.5em;color:var(--muted);border-top:1px solid var(--line);font-size:.85em}
        """
}
