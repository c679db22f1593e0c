/// Draws a pipeline's DAG as SVG: stages in columns by depth, edges from each upstream stage.
struct DagDrawing {
    struct Node: Sendable {
        var name: String
        var upstream: [String]
        /// The CSS state key: `up-to-date`, `will-run`, `will-reuse`, `running`, `failed`, `unknown`.
        var state: String
        /// The second line: the state for people.
        var label: String
        /// The tooltip: the reasons.
        var detail: String
        var link: String
    }

    static let nodeWidth = 190.0
    static let nodeHeight = 50.0
    static let columnGap = 70.0
    static let rowGap = 22.0
    static let margin = 12.0

    let nodes: [Node]

    /// Each stage's column: 0 for a stage without upstream stages, else one more than its deepest upstream.
    func depths() -> [String: Int] {
        let byName = Dictionary(nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var depth: [String: Int] = [:]
        var visiting: Set<String> = []
        func visit(_ name: String) -> Int {
            if let known = depth[name] { return known }
            guard let node = byName[name], visiting.insert(name).inserted else { return 0 }
            let value = node.upstream.filter { byName[$0] != nil }.map { visit($0) + 1 }.max() ?? 0
            visiting.remove(name)
            depth[name] = value
            return value
        }
        for node in nodes { _ = visit(node.name) }
        return depth
    }

    /// The top-left corner of each node.
    func positions() -> [String: (x: Double, y: Double)] {
        let depth = depths()
        var rows: [Int: Int] = [:]
        var result: [String: (x: Double, y: Double)] = [:]
        for node in nodes {
            let column = depth[node.name] ?? 0
            let row = rows[column, default: 0]
            rows[column] = row + 1
            result[node.name] = (
                Self.margin + Double(column) * (Self.nodeWidth + Self.columnGap),
                Self.margin + Double(row) * (Self.nodeHeight + Self.rowGap)
            )
        }
        return result
    }

    func render() -> HTML {
        let position = positions()
        let width = (position.values.map(\.x).max() ?? 0) + Self.nodeWidth + Self.margin
        let height = (position.values.map(\.y).max() ?? 0) + Self.nodeHeight + Self.margin
        var edges: [HTML] = []
        for node in nodes {
            guard let to = position[node.name] else { continue }
            for upstream in node.upstream {
                guard let from = position[upstream] else { continue }
                let x1 = from.x + Self.nodeWidth
                let y1 = from.y + Self.nodeHeight / 2
                let x2 = to.x - 4
                let y2 = to.y + Self.nodeHeight / 2
                let bend = max(30, (x2 - x1) / 2)
                edges.append(
                    "<path class=\"edge\" d=\"M\(x1),\(y1) C\(x1 + bend),\(y1) \(x2 - bend),\(y2) \(x2),\(y2)\" marker-end=\"url(#arrow)\"/>"
                )
            }
        }
        let boxes = nodes.map { node -> HTML in
            let at = position[node.name] ?? (0, 0)
            return """
                <a href="\(node.link)"><g class="node" data-node-stage="\(node.name)" transform="translate(\(at.x),\(at.y))">\
                <title>\(node.name): \(node.label)\(node.detail.isEmpty ? "" : " — " + node.detail)</title>\
                <rect class="n-\(node.state)" width="\(Self.nodeWidth)" height="\(Self.nodeHeight)" rx="6"/>\
                <text x="10" y="20" class="name">\(Self.truncated(node.name, 24))</text>\
                <text x="10" y="38" class="state" data-node-label="\(node.name)">\(Self.truncated(node.label, 28))</text></g></a>
                """
        }
        return """
            <svg class="dag" role="img" aria-label="Pipeline graph" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#6e7781"/></marker></defs>
            <style>.edge{fill:none;stroke:#8c959f;stroke-width:1.5}.node rect{stroke:#1d232a22;stroke-width:1}
            .n-up-to-date,.n-succeeded{fill:#dafbe1}.n-will-run{fill:#fff1c2}.n-will-reuse{fill:#ddf4ff}.n-running{fill:#eddeff}
            .n-failed,.n-interrupted{fill:#ffdcd7}.n-unknown{fill:#eaeef2}.name{font-weight:600;font-size:13px;fill:#1d232a}.state{font-size:12px;fill:#424a53}</style>
            \(edges)
            \(boxes)
            </svg>
            """
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
