// Reading what a crashed lecture program wrote to standard error.
//
// Programs are compiled with debug information and run with the Swift
// runtime's backtracer (`SWIFT_BACKTRACE`), which prints, after the runtime's
// own message (`x/lectern-cell-2:8: Precondition failed: ...`,
// `Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range`),
// a block starting `*** Program crashed: ...` with one line per frame, each
// ending `at /path/lectern-cell-2:5:13` when the frame has line information.

/// A trap, as read from the program's standard error.
struct Trap: Equatable {
    /// The runtime's message, e.g. "Fatal error: Index out of range"; without file, line or addresses.
    /// Nil when the program died of a signal without one (the backtracer's words are in `crash`).
    var message: String?
    /// What the backtracer says of the crash, e.g. "Bad pointer dereference".
    var crash: String?
    /// The innermost frame in a cell or inline expression, as (file, line, column) of the generated program.
    var frame: (file: String, line: Int, column: Int?)?
    /// The frames of the crashed thread, innermost first, without addresses.
    var frames: [String]
    /// What the program wrote to standard error before the trap (its own text).
    var before: String

    static func == (a: Trap, b: Trap) -> Bool {
        a.message == b.message && a.crash == b.crash && a.frames == b.frames && a.before == b.before
            && a.frame?.file == b.frame?.file && a.frame?.line == b.frame?.line && a.frame?.column == b.frame?.column
    }
}

private let runtimeMarkers = ["Fatal error", "Precondition failed", "Assertion failed"]

/// Reads a trap out of `stderr`; nil when it holds neither a runtime message nor a backtrace.
func parseTrap(_ stderr: String) -> Trap? {
    var lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var message: String?
    var messageFile: (String, Int)?
    var frames: [String] = []
    var frame: (file: String, line: Int, column: Int?)?
    var crash: String?

    // The backtracer's block runs to the end of the text.
    if let start = lines.firstIndex(where: { $0.hasPrefix("*** Signal") || $0.hasPrefix("*** Program crashed") || $0.hasPrefix("*** Swift runtime failure") }) {
        for line in lines[start...] {
            if line.hasPrefix("*** "), !line.hasPrefix("*** Signal") {
                // "*** Program crashed: Bad pointer dereference at 0x000000000008 ***",
                // "*** Swift runtime failure: arithmetic overflow ***"
                var what = String(line.dropFirst(4))
                if what.hasSuffix(" ***") { what = String(what.dropLast(4)) }
                if let at = what.range(of: " at 0x") { what = String(what[..<at.lowerBound]) }
                if what.hasPrefix("Program crashed: ") { what = String(what.dropFirst("Program crashed: ".count)) }
                if what.hasPrefix("Swift runtime failure: ") {
                    message = message ?? String(what.dropFirst("Swift runtime failure: ".count))
                } else {
                    crash = what
                }
                continue
            }
            guard let parsed = parseFrame(line) else { continue }
            if parsed.text.hasPrefix("Swift runtime failure: "), message == nil {
                var what = parsed.text.dropFirst("Swift runtime failure: ".count)
                if let r = what.range(of: " in ") { what = what[..<r.lowerBound] }
                message = String(what)
            }
            frames.append(parsed.text)
            if frame == nil, let location = parsed.location, Program.parseName(location.file) != nil {
                frame = location
            }
        }
        lines.removeSubrange(start...)
    }

    // The runtime's message: `file:line: Fatal error: text`, or `Fatal error: text`.
    if let k = lines.firstIndex(where: { line in runtimeMarkers.contains { line.hasPrefix($0) || line.contains(": \($0)") } }) {
        let line = lines[k]
        for marker in runtimeMarkers {
            guard let r = line.range(of: marker) else { continue }
            let head = line[..<r.lowerBound]
            message = String(line[r.lowerBound...])
            // The location before the marker, `Module/lectern-cell-2:7: `.
            let parts = head.dropLast(2).split(separator: ":")
            if parts.count >= 2, let n = Int(parts[parts.count - 1]) {
                messageFile = (parts.dropLast().joined(separator: ":"), n)
            }
            break
        }
        lines.remove(at: k)
    }
    if frame == nil, let (file, line) = messageFile, Program.parseName(file) != nil {
        frame = (file, line, nil)
    }
    guard message != nil || crash != nil else { return nil }
    while lines.last?.isEmpty == true { lines.removeLast() }
    let before = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    return Trap(message: message, crash: crash, frame: frame, frames: frames, before: before)
}

/// One frame line of a backtrace: its text without index and address, and its location when it has one.
///
///     "  3 [ra] 0x000055fbf06142a1 f(_:) + 32 in p at /tmp/x/lectern-cell-2:2:13", or without marker and address
///     → ("f(_:) + 32 in p at /tmp/x/lectern-cell-2:2:13", ("/tmp/x/lectern-cell-2", 2, 13))
private func parseFrame(_ line: String) -> (text: String, location: (file: String, line: Int, column: Int?)?)? {
    let words = line.split(separator: " ", omittingEmptySubsequences: true)
    guard let first = words.first, Int(first) != nil else { return nil }
    // Then markers (`[ra]`, `[inlined]`, `[system]`) and an address, when shown.
    let rest = words.dropFirst().drop { $0.hasPrefix("[") || $0.hasPrefix("0x") }
    guard !rest.isEmpty else { return nil }
    let text = rest.joined(separator: " ")
    guard let at = text.range(of: " at ", options: .backwards) else { return (text, nil) }
    let parts = text[at.upperBound...].split(separator: ":")
    if parts.count >= 3, let l = Int(parts[parts.count - 2]), let c = Int(parts[parts.count - 1]) {
        return (text, (parts.dropLast(2).joined(separator: ":"), l, c))
    }
    if parts.count >= 2, let l = Int(parts[parts.count - 1]) {
        return (text, (parts.dropLast().joined(separator: ":"), l, nil))
    }
    return (text, nil)
}

/// Drops the runtime's old-style stack traces (`Current stack trace:` and numbered lines).
func removingStackTraces(_ text: String) -> String {
    var kept: [Substring] = []
    var inTrace = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("Current stack trace:") { inTrace = true; continue }
        if inTrace, let first = line.first, first.isNumber { continue }
        inTrace = false
        kept.append(line)
    }
    return kept.joined(separator: "\n")
}
