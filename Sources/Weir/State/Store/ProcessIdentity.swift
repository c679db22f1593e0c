import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who and where the current process is, as sessions, versions and the project lock record it.
package enum ProcessIdentity {
    package static var pid: Int32 { getpid() }

    /// The host name from `gethostname(2)`, without a DNS lookup.
    package static var host: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The login name of the effective user, or its numeric id when it has none.
    package static var user: String {
        let uid = geteuid()
        var record = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(uid, &record, &buffer, buffer.count, &result) == 0, let result, let name = result.pointee.pw_name
        {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? String(uid)
    }

    package static var cwd: String { FileManager.default.currentDirectoryPath }

    /// Whether a process with `pid` exists on this host (`kill(pid, 0)` does not fail with ESRCH).
    package static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno != ESRCH
    }
}
