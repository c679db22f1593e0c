/// The `weir.yaml` of the lab example's ingest stage (the SPEC §10 form), shared by the ingest and
/// query tests.
enum LabIngestYAML {
    /// - Parameters:
    ///   - extra: option lines added before `out` (later lines indented by the caller, four spaces).
    ///   - more: stages after `stage`, indented two spaces.
    static func text(source: String = "raw", extra: String = "", more: String = "") -> String {
        """
        stages:
          stage:
            kind: ingest
            source: \(source)
            pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
            header_metadata: true
            timezone: America/Santiago
            partition_by: [proc, date]
        \(extra.isEmpty ? "" : "    " + extra + "\n")    out: data/stage
        \(more)
        """
    }
}
