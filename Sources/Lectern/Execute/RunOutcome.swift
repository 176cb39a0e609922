import Foundation

/// The raw results of one run, as stored in the cache.
struct RunOutcome {
    var termination: Termination
    var stdout: Data
    var stderr: Data
    var records: Data

    /// Written last, with a checksum of the status and the outputs, so that a
    /// run that was interrupted or altered is not trusted.
    func saveStatus(in directory: String) throws {
        try "\(statusText) \(checksum)".write(toFile: directory + "/status", atomically: true, encoding: .utf8)
    }

    private var statusText: String {
        switch termination {
        case .exited(let c): return "exited \(c)"
        case .signalled(let s): return "signalled \(s)"
        case .timedOut: return "timeout"
        }
    }

    var checksum: String {
        var h = SHA256()
        h.update(statusText + "\n")
        for part in [stdout, stderr, records] {
            h.update(String(part.count) + ":")
            h.update(part)
        }
        return h.finalize()
    }

    static func load(from directory: String) -> RunOutcome? {
        let fm = FileManager.default
        guard let status = try? String(contentsOfFile: directory + "/status", encoding: .utf8),
              let stdout = fm.contents(atPath: directory + "/stdout"),
              let stderr = fm.contents(atPath: directory + "/stderr"),
              let records = fm.contents(atPath: directory + "/records")
        else { return nil }
        let parts = status.split(separator: " ")
        let termination: Termination
        switch (parts.first, parts.count > 1 ? Int32(parts[1]) : nil) {
        case ("exited", let c?): termination = .exited(c)
        case ("signalled", let s?): termination = .signalled(s)
        case ("timeout", _): termination = .timedOut
        default: return nil
        }
        // A run cut short by the time limit is not cached: the next build may be given longer.
        if termination == .timedOut { return nil }
        let outcome = RunOutcome(termination: termination, stdout: stdout, stderr: stderr, records: records)
        guard parts.count == 3, outcome.checksum == parts[2] else { return nil }
        return outcome
    }
}
