import Foundation

/// Creates a new project: a commented starter `weir.yaml` and a `.gitignore` entry for `.weir/`.
public enum ProjectInitializer {
    /// The starter pipeline: one stage that runs as it is, and a commented second one.
    public static let starter = """
        # Weir pipeline. Each stage runs only when its command, params or inputs changed;
        # 'weir status' says why, 'weir run' runs what is needed, 'weir dag' draws the graph.
        #
        # In 'cmd', ${out} is the stage's output folder, ${deps.NAME} the path of a dep, and
        # ${params.NAME} a param, all shell-quoted. Params also reach the command as the JSON file
        # $WEIR_PARAMS and as $WEIR_PARAM_<NAME>. The command runs in this folder with /bin/sh.
        version: 1

        params: {}            # params every stage receives

        stages:
          hello:
            desc: Writes a greeting
            cmd: printf 'Hello, %s!\\n' ${params.name} > ${out}/greeting.txt
            params: {name: world}
            out: build/hello  # a link to the folder of the stage's current run

          # count:
          #   cmd: wc -c < ${deps.greeting}/greeting.txt > ${out}/count.txt
          #   deps: {greeting: stage:hello}   # another stage's output, or a project path
          #   out: build/count

        """

    /// Writes the starter `weir.yaml` into `project.root` (creating the folder) and ignores `.weir/` in git.
    ///
    /// - Throws: ``ProjectExistsError`` when a `weir.yaml` is already there.
    public static func create(_ project: ProjectLocation) throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: project.configPath) else {
            throw ProjectExistsError(path: project.configPath)
        }
        try manager.createDirectory(atPath: project.root, withIntermediateDirectories: true)
        try Data(starter.utf8).write(to: URL(fileURLWithPath: project.configPath), options: .withoutOverwriting)
        let ignorePath = project.root + "/.gitignore"
        let existing = (try? String(contentsOfFile: ignorePath, encoding: .utf8)) ?? ""
        let lines = existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if !lines.contains(".weir/") && !lines.contains(".weir") && !lines.contains("/.weir/") {
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            try Data((existing + separator + ".weir/\n").utf8).write(to: URL(fileURLWithPath: ignorePath))
        }
    }
}

/// `weir init` found a pipeline already.
public struct ProjectExistsError: UserFacingError, Hashable {
    public let path: String
    public var exitStatus: Int32 { 2 }
    public var description: String {
        "'\(path)' already exists, and 'weir init' does not overwrite it. Edit it, or run 'weir init' in another folder."
    }
}
