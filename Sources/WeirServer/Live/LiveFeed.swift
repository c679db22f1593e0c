import Foundation
import Hummingbird
import Weir

/// Server-Sent Events that follow the running session: a `progress` event whenever the store
/// changes, then `end` when the session ends, or `idle` at once when nothing runs. The stream then
/// closes, so a page with nothing running holds no connection.
enum LiveFeed {
    /// How often the store's change counter is read (`PRAGMA data_version`: no table is read).
    static let pollInterval: Duration = .milliseconds(250)
    /// A comment line this often keeps proxies from closing a quiet stream.
    static let heartbeat: Duration = .seconds(15)

    static func response(_ dashboard: Dashboard) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        let project = dashboard.project
        let body = ResponseBody { writer in
            do {
                try await stream(project: project, to: &writer)
            } catch is CancellationError {
                // The reader went away.
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func stream(project: ProjectLocation, to writer: inout any ResponseBodyWriter) async throws {
        guard let store = try? StateStore.openForServing(project, following: true) else {
            try await writer.write(event("idle", .object(["running": .bool(false), "session": .null])))
            return
        }
        try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
        var lastVersion: Int64?
        var lastWrite = ContinuousClock.now
        var lastLiveness = ContinuousClock.now
        while !Task.isCancelled {
            let version = try store.dataVersion()
            // A process killed with -9 changes nothing in the store: check its liveness now and then.
            let recheck = ContinuousClock.now - lastLiveness > .seconds(2)
            if version != lastVersion || recheck {
                lastVersion = version
                lastLiveness = ContinuousClock.now
                let snapshot = try LiveSnapshot.read(store)
                guard snapshot.session != nil, snapshot.running else {
                    try await writer.write(event(snapshot.session == nil ? "idle" : "end", snapshot.json))
                    return
                }
                try await writer.write(event("progress", snapshot.json))
                lastWrite = ContinuousClock.now
            } else if ContinuousClock.now - lastWrite > heartbeat {
                try await writer.write(ByteBuffer(string: ": still running\n\n"))
                lastWrite = ContinuousClock.now
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// One event: its name and its data, the JSON on one line.
    static func event(_ name: String, _ data: JSONDocument) -> ByteBuffer {
        ByteBuffer(string: "event: \(name)\ndata: \(data.rendered(pretty: false))\n\n")
    }

    /// The few lines of our own that apply events to the page: text only (`textContent`), never markup.
    static let script = """
        (function () {
          "use strict";
          if (!window.EventSource) return;
          var body = document.body;
          var status = document.getElementById("live-status");
          var source = new EventSource("/live/events");
          function each(attribute, name, apply) {
            document.querySelectorAll("[" + attribute + "]").forEach(function (element) {
              if (element.getAttribute(attribute) === name) apply(element);
            });
          }
          function show(snapshot) {
            var stages = snapshot.stages || {};
            Object.keys(stages).forEach(function (name) {
              var stage = stages[name];
              var progress = stage.progress;
              each("data-progress-stage", name, function (element) {
                element.textContent = progress ? progress.text : "";
              });
              each("data-progress-bar", name, function (element) {
                element.style.width = progress && progress.fraction !== null ? (progress.fraction * 100) + "%" : "0";
              });
              each("data-state-stage", name, function (element) {
                element.textContent = stage.state;
                element.className = "badge s-" + stage.state;
              });
              each("data-node-stage", name, function (element) {
                var rect = element.querySelector("rect");
                if (rect) rect.setAttribute("class", "n-" + stage.state);
              });
              each("data-node-label", name, function (element) {
                element.textContent = progress ? progress.text.slice(0, 28) : stage.state;
              });
            });
            if (status && snapshot.session) {
              status.textContent = (snapshot.running ? "Session " : "Latest session ") + snapshot.session.id.slice(0, 8) +
                " (" + snapshot.session.command + "): " + (snapshot.running ? "running" : snapshot.session.status);
            }
          }
          source.addEventListener("progress", function (message) { show(JSON.parse(message.data)); });
          source.addEventListener("end", function (message) {
            source.close();
            show(JSON.parse(message.data));
            if (body.getAttribute("data-running") === "1") setTimeout(function () { location.reload(); }, 800);
          });
          source.addEventListener("idle", function () { source.close(); });
        })();
        """
}
