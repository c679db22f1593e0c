import Foundation
import Weir
import WeirTestSupport

/// The command-stage pipeline of SPEC §10, word for word, with the scripts it names.
enum SpecProject {
    static let yaml = """
        stages:
          clean:
            cmd: sh clean.sh ${params.factor} ${deps.raw} ${out}
            deps: {raw: data/raw, script: clean.sh}    # a name → a project path or another stage
            params: {factor: 2}
            out: build/clean                            # symlink to the current run's folder
          features:
            cmd: python3 features.py ${deps.clean} ${out}
            deps: {clean: stage:clean, script: features.py}
            out: build/features

        """

    static let clean = """
        factor=$1; raw=$2; out=$3
        echo "cleaning with factor $factor"
        echo "clean warning" >&2
        for f in "$raw"/*.csv; do awk -F, -v k="$factor" '{print $1 "," $2 * k}' "$f"; done > "$out/clean.csv"

        """

    static let features = """
        import os, sys
        source, out = sys.argv[1], sys.argv[2]
        rows = [line.strip().split(",") for line in open(os.path.join(source, "clean.csv"))]
        total = sum(int(value) for _, value in rows)
        with open(os.path.join(out, "features.txt"), "w") as handle:
            handle.write(f"rows={len(rows)} total={total}\\n")

        """

    static func make(store: StateStoreKind = .sqlite) throws -> PipelineFixture {
        try PipelineFixture(
            [
                "weir.yaml": yaml, "clean.sh": clean, "features.py": features,
                "data/raw/a.csv": "1,10\n2,20\n", "data/raw/b.csv": "3,30\n",
            ], store: store)
    }
}

extension PipelineFixture {
    /// `weir status --json`, parsed.
    func status() throws -> JSONValue {
        let result = try weir("status", "--json")
        guard result.status == 0 else { throw FixtureError(message: "status failed: \(result.stderr)") }
        return try JSONValue.parse(result.stdout)
    }

    /// `weir run --json`, parsed; throws unless it exits with `expecting`.
    @discardableResult
    func run(_ arguments: String..., expecting: Int32 = 0) throws -> JSONValue {
        let result = try weir(["run", "--json"] + arguments)
        guard result.status == expecting else {
            throw FixtureError(message: "run exited \(result.status): \(result.stdout)\n\(result.stderr)")
        }
        return try JSONValue.parse(result.stdout)
    }

    /// Stage → outcome from a `weir run --json` document.
    static func outcomes(_ report: JSONValue) -> [String: String] {
        var outcomes: [String: String] = [:]
        if case .array(let stages)? = report["stages"] {
            for stage in stages {
                if let name = stage["stage"]?.stringValue { outcomes[name] = stage["outcome"]?.stringValue }
            }
        }
        return outcomes
    }
}
