import Foundation

/// A small line chart of one measure over runs, oldest on the left, drawn as SVG.
struct LineChart {
    struct Point {
        var value: Double
        /// The tooltip: which run, when, how much.
        var label: String
        var link: String
    }

    var title: String
    var points: [Point]
    /// Formats an axis value: `1.2 s`, `340 MiB`.
    var format: (Double) -> String

    static let width = 420.0
    static let height = 170.0
    static let left = 64.0
    static let right = 10.0
    static let top = 24.0
    static let bottom = 22.0

    func render() -> HTML {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        var content: HTML = "<text x=\"0\" y=\"14\" class=\"title\">\(title)</text>"
        guard !points.isEmpty else {
            content +=
                "<text x=\"\(Self.left)\" y=\"\(Self.top + plotHeight / 2)\" class=\"axis\">no runs measured yet</text>"
            return wrap(content)
        }
        let maximum = max(points.map(\.value).max() ?? 0, 0)
        let top = maximum > 0 ? maximum * 1.1 : 1
        func x(_ index: Int) -> Double {
            points.count == 1
                ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(points.count - 1)
        }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - value / top) }
        for fraction in [0.0, 0.5, 1.0] {
            let value = top * fraction
            content += """
                <line x1="\(Self.left)" x2="\(Self.width - Self.right)" y1="\(y(value))" y2="\(y(value))" class="grid"/>\
                <text x="\(Self.left - 6)" y="\(y(value) + 4)" class="axis" text-anchor="end">\(format(value))</text>
                """
        }
        let path = points.indices.map { index in
            (index == 0 ? "M" : "L") + HTML.number(x(index)) + "," + HTML.number(y(points[index].value))
        }.joined(separator: " ")
        content += "<path d=\"\(path)\" class=\"line\"/>"
        for (index, point) in points.enumerated() {
            content += """
                <a href="\(point.link)"><circle cx="\(x(index))" cy="\(y(point.value))" r="3" class="dot"><title>\(point.label)</title></circle></a>
                """
        }
        content += """
            <text x="\(Self.left)" y="\(Self.height - 4)" class="axis">\(points.count) runs, oldest first</text>
            """
        return wrap(content)
    }

    private func wrap(_ content: HTML) -> HTML {
        """
        <svg class="chart" role="img" aria-label="\(title)" width="\(Self.width)" height="\(Self.height)" viewBox="0 0 \(Self.width) \(Self.height)" xmlns="http://www.w3.org/2000/svg">\
        <style>.title{font-size:13px;font-weight:600;fill:#1d232a}.axis{font-size:11px;fill:#5f6b76}.grid{stroke:#d8dee4}\
        .line{fill:none;stroke:#0969da;stroke-width:1.5}.dot{fill:#0969da}</style>\(content)</svg>
        """
    }
}
