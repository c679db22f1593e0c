import Foundation
import Testing
import Weir

@testable import WeirServer

@Suite("HTML, SVG and lineage rendering")
struct RenderingTests {
    @Test func interpolatedTextIsEscapedAndLiteralsAreNot() {
        let name = "<script>alert('x') & \"y\"</script>"
        let html: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(
            html.rendered
                == "<td title=\"&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;\">"
                + "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</td>")
        let nested: HTML = "<tr>\(html)</tr>"
        #expect(nested.rendered == "<tr>" + html.rendered + "</tr>")
        #expect(HTML(text: "plain é").rendered == "plain é")
    }

    @Test func linksPercentEncodeQueryValues() {
        #expect(Link.to("/runs", [("stage", "a b&c=<d>"), ("cursor", nil)]) == "/runs?stage=a%20b%26c%3D%3Cd%3E")
        #expect(Link.encode("é") == "%C3%A9")
    }

    @Test func theDagPlacesStagesInColumnsByDepth() {
        let drawing = DagDrawing(nodes: [
            .init(name: "a", upstream: [], state: "up-to-date", label: "up to date", detail: "", link: "/"),
            .init(name: "b", upstream: ["a"], state: "will-run", label: "will run", detail: "x", link: "/"),
            .init(name: "c", upstream: ["a", "b"], state: "will-run", label: "will run", detail: "", link: "/"),
            .init(name: "d", upstream: [], state: "will-run", label: "will run", detail: "", link: "/"),
        ])
        #expect(drawing.depths() == ["a": 0, "b": 1, "c": 2, "d": 0])
        let svg = drawing.render().rendered
        #expect(svg.components(separatedBy: "<path class=\"edge\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "<rect class=\"n-").count - 1 == 4)
    }

    @Test func theLineageTreeIndentsOnlyAtBranches() {
        func version(_ id: Int64, _ parent: Int64?) -> VersionRecord {
            VersionRecord(
                id: id, parent: parent, command: "weir run", session: "s", user: "u", host: "h", createdAt: Date(),
                stages: [:], note: nil)
        }
        let rows = VersionsPage.tree([version(1, nil), version(2, 1), version(3, 2), version(4, 2), version(5, 4)])
        #expect(rows.map(\.version.id) == [1, 2, 3, 4, 5])
        #expect(rows.map(\.indent) == [0, 0, 0, 1, 1])
        #expect(rows.map(\.branch) == [false, false, false, true, false])
        // A long chain does not recurse.
        let chain = (1...5000).map { version(Int64($0), $0 == 1 ? nil : Int64($0 - 1)) }
        #expect(VersionsPage.tree(chain).count == 5000)
    }

    @Test func chartsDrawOnePointPerRunAndEscapeTheirLabels() {
        let chart = LineChart(
            title: "Wall <time>",
            points: [
                .init(value: 1, label: "<b>", link: "/runs/a"), .init(value: 3, label: "r2", link: "/runs/b"),
            ], format: { Format.duration($0) })
        let svg = chart.render().rendered
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
        #expect(svg.contains("Wall &lt;time&gt;"))
        #expect(svg.contains("<title>&lt;b&gt;</title>"))
        let empty = LineChart(title: "Rows", points: [], format: { String($0) }).render().rendered
        #expect(empty.contains("no runs measured yet"))
    }

    @Test func cursorsRoundTripAndRejectGarbage() {
        let cursor = RunCursor(startedAt: "2026-12-02T06:00:56.123Z", id: "ab12")
        #expect(RunCursor(token: cursor.token) == cursor)
        #expect(RunCursor(token: "nothing") == nil)
        #expect(RunCursor(token: "2026-12-02T06:00:56.123Z~'; DROP TABLE runs") == nil)
    }
}
