import Foundation
import WeirColumns

/// Writes a climate team's raw folder: station readings in local time across a DST change, a
/// station registry, and an hourly model grid in UTC with its grid definition. The same options
/// always give the same bytes.
///
/// - `stations/<station>/<YYYY-MM-DD>.csv`: one file per station and local day (America/Santiago),
///   a `# Station / # Lat / # Lon / # Elevation` header, then `time,temp_c,rain_mm,rh_pct` every
///   `step` seconds with a few readings missing and a few empty temperatures. Times are local wall
///   clock; in the hour repeated when DST ends the second pass carries its UTC offset.
/// - `registry/stations.csv`: `station,lat,lon,elevation_m`.
/// - `model/<YYYY-MM-DD>.csv`: `time,lat,lon,t2m_c,tp_mm` hourly on a 0.25° grid, times in UTC.
/// - `grid/grid.csv`: `lat,lon,cell`, the model's grid points.
///
/// Stations lie within 0.004° of a grid point, except every tenth, about 0.1° from any.
public struct ClimateDataGenerator: Sendable {
    public var stations = 20
    public var days = 3
    public var step = 60
    public var start = CivilDate(year: 2025, month: 4, day: 5)
    /// The fraction of station files with one malformed row (a word in a number column).
    public var badFraction = 0.0
    public var seed: UInt64 = 1

    public init(
        stations: Int = 20, days: Int = 3, step: Int = 60, start: CivilDate = CivilDate(year: 2025, month: 4, day: 5),
        badFraction: Double = 0, seed: UInt64 = 1
    ) {
        self.stations = stations
        self.days = days
        self.step = step
        self.start = start
        self.badFraction = badFraction
        self.seed = seed
    }

    public static let timeZone = "America/Santiago"

    /// What was written.
    public struct Summary: Sendable, Hashable {
        public var stationFiles = 0
        public var readings = 0
        public var malformedFiles = 0
        public var modelFiles = 0
    }

    struct Station {
        var id: String
        var lat: Double
        var lon: Double
        var elevation: Int
    }

    @discardableResult
    public func write(to root: String) throws -> Summary {
        guard let zone = TimeZone(identifier: Self.timeZone) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "no time zone data"])
        }
        var random = SplitMix64(seed: seed)
        var list: [Station] = []
        for index in 0..<stations {
            let gridLat = -33.0 - Double(random.int(below: 8)) * 0.25
            let gridLon = -70.0 - Double(random.int(below: 8)) * 0.25
            let far = index % 10 == 9
            let lat = far ? gridLat + 0.1 : gridLat + (random.unit() * 2 - 1) * 0.004
            let lon = far ? gridLon + 0.1 : gridLon + (random.unit() * 2 - 1) * 0.004
            list.append(
                Station(
                    id: "S" + Self.pad(index + 1, 3), lat: Self.round(lat, 4), lon: Self.round(lon, 4),
                    elevation: 100 + random.int(below: 2400)))
        }
        var summary = Summary()
        let manager = FileManager.default
        for station in list {
            let base = 5 + random.unit() * 15
            let folder = "\(root)/stations/\(station.id)"
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for day in 0..<days {
                let date = CivilDate(daysSinceEpoch: start.daysSinceEpoch + day)
                var text = "# Station: \(station.id)\n# Lat: \(station.lat)\n# Lon: \(station.lon)\n"
                text += "# Elevation: \(station.elevation) m\ntime,temp_c,rain_mm,rh_pct\n"
                let bad = random.unit() < badFraction
                var rows = 0
                var t = Self.utcSeconds(ofLocalMidnight: date, zone)
                let end = Self.utcSeconds(ofLocalMidnight: CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1), zone)
                while t < end {
                    let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
                    let local = t + offset
                    if random.unit() > 0.003 {
                        let hour = Double((local % 86_400 + 86_400) % 86_400) / 3600
                        let temp = base + 8 * sin((hour - 9) / 24 * 2 * .pi) + random.gaussian() * 0.3
                        let rain = max(0, random.gaussian() * 0.4 - 0.5)
                        let humidity = min(100, max(5, 60 - (temp - base) * 2 + random.gaussian() * 3))
                        var tempText = random.unit() < 0.001 ? "" : String(format: "%.2f", temp)
                        if bad && rows == 37 { tempText = "err" + tempText }
                        // The second pass of the repeated hour is written with its offset, so no reading is ambiguous.
                        let earlier = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t - 3600)))
                        var stamp = Self.wallClock(local)
                        if earlier > offset { stamp += Self.offsetText(offset) }
                        text += "\(stamp),\(tempText),\(String(format: "%.2f", rain)),\(String(format: "%.1f", humidity))\n"
                        rows += 1
                    }
                    t += step
                }
                try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(date.iso8601).csv"))
                summary.stationFiles += 1
                summary.readings += rows
                if bad { summary.malformedFiles += 1 }
            }
        }
        try manager.createDirectory(atPath: root + "/registry", withIntermediateDirectories: true)
        let registry =
            "station,lat,lon,elevation_m\n"
            + list.map { "\($0.id),\($0.lat),\($0.lon),\($0.elevation)\n" }.joined()
        try Data(registry.utf8).write(to: URL(fileURLWithPath: root + "/registry/stations.csv"))
        let lats = (0..<8).map { Self.round(-33.0 - Double($0) * 0.25, 2) }.sorted()
        let lons = (0..<8).map { Self.round(-70.0 - Double($0) * 0.25, 2) }.sorted()
        try manager.createDirectory(atPath: root + "/grid", withIntermediateDirectories: true)
        var grid = "lat,lon,cell\n"
        for (i, lat) in lats.enumerated() { for (j, lon) in lons.enumerated() { grid += "\(lat),\(lon),g\(i)\(j)\n" } }
        try Data(grid.utf8).write(to: URL(fileURLWithPath: root + "/grid/grid.csv"))
        try manager.createDirectory(atPath: root + "/model", withIntermediateDirectories: true)
        for day in 0...days {
            let date = CivilDate(daysSinceEpoch: start.daysSinceEpoch + day)
            var text = "time,lat,lon,t2m_c,tp_mm\n"
            for hour in 0..<24 {
                let stamp = "\(date.iso8601)T\(Self.pad(hour, 2)):00:00Z"
                for lat in lats {
                    for lon in lons {
                        let t2m = 12 + 6 * sin(Double(hour - 13) / 24 * 2 * .pi) + random.gaussian()
                        let precipitation = max(0, random.gaussian() * 0.5 - 0.3)
                        text += "\(stamp),\(lat),\(lon),\(String(format: "%.2f", t2m)),\(String(format: "%.2f", precipitation))\n"
                    }
                }
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(root)/model/\(date.iso8601).csv"))
            summary.modelFiles += 1
        }
        return summary
    }

    /// The UTC instant (seconds) of local midnight starting `date` in `zone`.
    static func utcSeconds(ofLocalMidnight date: CivilDate, _ zone: TimeZone) -> Int {
        let wall = date.daysSinceEpoch * 86_400
        // The offset at the instant itself: try the offsets on either side of a change.
        var guess = wall - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall)))
        for _ in 0..<2 { guess = wall - zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess))) }
        return guess
    }

    /// `YYYY-MM-DD HH:MM:SS` of local seconds since 1970.
    static func wallClock(_ local: Int) -> String {
        let days = Int((Double(local) / 86_400).rounded(.down))
        let second = local - days * 86_400
        return CivilDate(daysSinceEpoch: days).iso8601 + " " + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2)
            + ":" + pad(second % 60, 2)
    }

    /// `-04:00` for an offset of -14,400 s.
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        return sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func round(_ value: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }
}
