import Foundation
import Testing
import WeirTestSupport

@testable import Weir

/// The check-and-load cache of SPEC §3, used as a Swift program would (the hydrology seed's story).
@Suite struct RunCacheTests {
    struct Preprocessing: Encodable {
        var gauges: [String]
        var trainFraction: Double
        var imputationGap: Int
        var requiredColumns: [String]
    }

    static let config = Preprocessing(
        gauges: ["01013500", "01022500"], trainFraction: 0.7, imputationGap: 5, requiredColumns: ["flow", "precip"])

    @Test func computesOnceThenLoads() throws {
        let folder = try TemporaryDirectory()
        let cache = RunCache(directory: folder.path + "/cache")
        var computed = 0
        let first = try cache.loadOrCompute(Self.config, name: "preprocess") { output in
            computed += 1
            try Data(#"{"scaler": [1, 2]}"#.utf8).write(to: output.appendingPathComponent("pipelines.json"))
            try FileManager.default.createDirectory(
                at: output.appendingPathComponent("processed"), withIntermediateDirectories: true)
            try Data("t,flow\n".utf8).write(to: output.appendingPathComponent("processed/01013500.csv"))
        }
        #expect(!first.loaded)
        #expect(computed == 1)
        #expect(first.record.files.map(\.path) == ["pipelines.json", "processed/01013500.csv"])

        let second = try cache.loadOrCompute(Self.config, name: "preprocess") { _ in computed += 1 }
        #expect(second.loaded)
        #expect(computed == 1)
        #expect(second.runID == first.runID)
        #expect(second.record == first.record)
        let text = try String(contentsOf: second.folder.appendingPathComponent("pipelines.json"), encoding: .utf8)
        #expect(text == #"{"scaler": [1, 2]}"#)
    }

    @Test func theRunIDDependsOnTheConfigurationAndTheNameOnly() throws {
        let one = RunCache(directory: "/nonexistent/a")
        let other = RunCache(directory: "/nonexistent/b")
        let id = try one.runID(for: Self.config, name: "preprocess")
        #expect(try other.runID(for: Self.config, name: "preprocess") == id)
        var changed = Self.config
        changed.imputationGap = 6
        #expect(try one.runID(for: changed, name: "preprocess") != id)
        #expect(try one.runID(for: Self.config, name: "other") != id)
        let json: JSONValue = [
            "gauges": ["01013500", "01022500"], "trainFraction": 0.7, "imputationGap": 5,
            "requiredColumns": ["flow", "precip"],
        ]
        #expect(try one.runID(for: json, name: "preprocess") == id)
    }

    @Test func aFailedComputationCommitsNothing() throws {
        struct Broken: Error {}
        let folder = try TemporaryDirectory()
        let cache = RunCache(directory: folder.path)
        #expect(throws: Broken.self) {
            try cache.loadOrCompute(Self.config) { output in
                try Data("half".utf8).write(to: output.appendingPathComponent("partial.bin"))
                throw Broken()
            }
        }
        #expect(try cache.load(Self.config) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func valuesWithoutADeterministicFormAreRefused() throws {
        var config = Self.config
        config.trainFraction = .nan
        #expect(throws: (any Error).self) { try RunCache(directory: "/nonexistent").runID(for: config) }
    }

    @Test func inAProjectTheRunIsRecordedInTheStateStore() throws {
        let folder = try TemporaryDirectory()
        try folder.write("weir.yaml", "stages: {a: {cmd: 'true', out: o}}\n")
        let project = ProjectLocation(root: folder.path)
        let cache = RunCache(project: project)
        let run = try cache.loadOrCompute(["seed": 7] as JSONValue, name: "fit") { output in
            try Data("model".utf8).write(to: output.appendingPathComponent("model.bin"))
        }
        #expect(run.folder.path == project.runsDirectory + "/\(run.runID)/out")
        let store = try StateStore.open(project)
        let recorded = try #require(try store.run(run.runID))
        #expect(recorded.stage == "fit")
        #expect(recorded.status == .succeeded)
        #expect(recorded.outputBytes == 5)
        #expect(try store.metrics(stage: "fit", run: nil, session: nil, name: "wall_time").count == 1)
        #expect(try Project(location: project).verify(all: true).ok)
    }
}
