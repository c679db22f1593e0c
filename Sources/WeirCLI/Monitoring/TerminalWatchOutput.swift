import Foundation
import Weir

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A terminal: events scroll by as lines, and below them one line per running stage is redrawn in
/// place, with a bar, counts and rate (ingest) or elapsed time and latest output line (commands).
final class TerminalWatchOutput: WatchOutput {
    private var board = WatchBoard()
    private let style: WatchText.Style
    /// Lines of the live block currently on screen, erased before anything else is written.
    private var drawn = 0
    private var lastDraw = Date.distantPast

    init(colours: Bool) {
        style = WatchText.Style(colours: colours)
    }

    func begin(_ session: SessionRecord) {
        WatchText.write(style.bold(WatchText.header(session)) + "\n")
    }

    func show(_ event: EventRecord) {
        board.apply(event)
        WatchText.write(erase() + WatchText.line(event, style: style) + "\n")
    }

    func show(_ progress: ProgressRecord) {
        board.apply(progress)
        lastDraw = .distantPast
    }

    func refresh() {
        // Elapsed times tick even when nothing new was recorded.
        guard Date().timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = Date()
        let width = max(40, Self.columns() - 1)
        var lines: [String] = []
        let stages = board.running
        let nameWidth = min(24, stages.map(\.name.count).max() ?? 0)
        for stage in stages {
            lines.append(Self.fit(status(of: stage, nameWidth: nameWidth), width: width))
        }
        if let overall = board.overall, let total = overall.total, overall.done < total {
            lines.append(style.dim(Self.fit("\(overall.done)/\(total) stages done", width: width)))
        }
        WatchText.write(erase() + lines.map { $0 + "\n" }.joined())
        drawn = lines.count
    }

    func end(_ ending: SessionFollower.Ending) {
        WatchText.write(erase() + WatchText.ending(ending, style: style) + "\n")
    }

    /// One stage's live line.
    private func status(of stage: WatchBoard.Stage, nameWidth: Int) -> String {
        let name = style.cyan(
            stage.name.padding(toLength: max(nameWidth, stage.name.count), withPad: " ", startingAt: 0))
        guard var record = stage.latest else {
            let elapsed = stage.startedAt.map { HistoryFormat.duration(Date().timeIntervalSince($0)) } ?? ""
            return "\(name)  running  \(elapsed)"
        }
        if record.unit == "seconds", let started = stage.startedAt {
            record.done = Int64(max(0, Date().timeIntervalSince(started)))
        }
        let bar = WatchFormat.bar(record, width: 24).map { $0 + "  " } ?? ""
        return "\(name)  \(bar)\(WatchFormat.amount(record, rate: board.rate(of: stage.name)))"
    }

    /// Moves back over the live block and clears it.
    private func erase() -> String {
        defer { drawn = 0 }
        return drawn == 0 ? "" : "\u{1B}[\(drawn)A\u{1B}[J"
    }

    /// Cut to `width` visible characters, ending in `…` when cut, so no line wraps and the block's
    /// height stays known. Escape sequences do not count and are all kept, so colours still reset.
    private static func fit(_ text: String, width: Int) -> String {
        guard visibleLength(text) > width else { return text }
        var visible = 0
        var result = ""
        var inEscape = false
        var marked = false
        for character in text {
            if character == "\u{1B}" { inEscape = true }
            if inEscape {
                result.append(character)
                if character.isLetter { inEscape = false }
            } else if visible < width - 1 {
                result.append(character)
                visible += 1
            } else if !marked {
                result.append("…")
                marked = true
            }
        }
        return result
    }

    private static func visibleLength(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true }
            if inEscape {
                if character.isLetter { inEscape = false }
            } else {
                count += 1
            }
        }
        return count
    }

    private static func columns() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}
