#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

// The channel between a running lecture program and the pipeline.
//
// Printed text goes to standard output as usual. Everything structured (cell
// boundaries, tables, plots, checks, inline values) goes as one JSON object per
// line to a separate record file named by LECTERN_RECORDS, which a cell's own
// output cannot reach by printing. Every record carries the byte offsets of
// standard output and standard error at the moment it was written, so the
// pipeline can put text and records back in the order they happened.

/// The seed this lecture run starts from (front matter, `--seed`, or the default).
/// Seed your random number generators from it so that pages are reproducible.
/// Cells read it; only the runtime sets it, once, when the program starts.
public private(set) nonisolated(unsafe) var lectureSeed: UInt64 = 0

/// The folder that holds the lecture file; data files named in the front matter
/// (`data: [runs.csv]`) are read from here: `lectureDirectory + "/runs.csv"`.
/// Read-only to cells, like `lectureSeed`.
public private(set) nonisolated(unsafe) var lectureDirectory: String = "."

nonisolated(unsafe) private var recordFD: Int32 = -1
nonisolated(unsafe) private var tryPipes: [Int: Int32] = [:]

/// Writes one record: `{"k":kind,"o":stdoutOffset,"e":stderrOffset,...fields}`.
/// Fields are already-encoded JSON values keyed by name.
public func _lecternRecord(_ kind: String, _ fields: [(String, JSONValue)] = []) {
    guard recordFD >= 0 else { return }
    if fflush(stdout) != 0 || ferror(stdout) != 0 { failedWrite("the cell's printed output", errno) }
    fflush(stderr)
    var object: [(String, JSONValue)] = [
        ("k", .string(kind)),
        ("o", .number(Double(lseek(1, 0, SEEK_CUR)))),
        ("e", .number(Double(lseek(2, 0, SEEK_CUR)))),
    ]
    object += fields
    var line = JSONValue.object(object).encoded
    line += "\n"
    line.withUTF8 { buffer in
        var done = 0
        while done < buffer.count {
            let n = write(recordFD, buffer.baseAddress! + done, buffer.count - done)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                failedWrite("a record of the cell's results", n < 0 ? errno : ENOSPC)
            }
            done += n
        }
    }
}

/// Stops the program when what a cell printed or recorded cannot be written whole
/// (a full disk, a size limit): the pipeline then fails the cell with this reason
/// instead of showing a page cut short. Exit status 75 says so.
private func failedWrite(_ what: String, _ code: Int32) -> Never {
    let reason = String(cString: strerror(code))
    let line = "lectern: cannot write \(what): \(reason)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    _exit(75)
}

/// Called once at the top of a generated lecture program.
public func _lecternStart() {
    dieWithParent()
    setvbuf(stdout, nil, _IOLBF, 0)
    if let path = getenv("LECTERN_RECORDS") {
        recordFD = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }
    if let seed = getenv("LECTERN_SEED"), let value = UInt64(String(cString: seed)) {
        lectureSeed = value
    }
    if let folder = getenv("LECTERN_LECTURE_DIR") {
        lectureDirectory = String(cString: folder)
    }
    if let limit = getenv("LECTERN_MAX_OUTPUT"), let bytes = UInt64(String(cString: limit)) {
        var rl = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        _ = setrlimit(Int32(RLIMIT_FSIZE.rawValue), &rl)
    }
    _lecternRecord("start", [("seed", .string(String(lectureSeed)))])
}

/// Marks the start of cell `index` (its position among the lecture's cells).
/// With a time limit, the cell is stopped by SIGALRM when it runs longer.
public func _lecternBeginCell(_ index: Int, timeLimit seconds: Int = 0) {
    _lecternRecord("begin", [("cell", .number(Double(index))), ("t", .number(monotonicSeconds()))])
    if seconds > 0 { alarm(UInt32(seconds)) }
}

/// Marks the normal end of cell `index`.
public func _lecternEndCell(_ index: Int) {
    alarm(0)
    _lecternRecord("end", [("cell", .number(Double(index))), ("t", .number(monotonicSeconds()))])
}

private func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Marks the normal end of the program.
public func _lecternFinish() {
    _lecternRecord("done")
    if fflush(stdout) != 0 { failedWrite("the program's printed output", errno) }
}

/// Runs an `allow-error` cell in a child process.
///
/// Returns true in the child, which runs the cell and, if the cell completes,
/// the rest of the program. The parent waits: if the child completed the cell,
/// the parent exits with the child's status; if the child died inside the cell,
/// the parent records the failure and returns false, so the program goes on
/// from the state before the cell.
public func _lecternTry(_ index: Int) -> Bool {
    fflush(stdout)
    fflush(stderr)
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return true }
    let pid = fork()
    if pid < 0 { close(fds[0]); close(fds[1]); return true }
    if pid == 0 {
        close(fds[0])
        tryPipes[index] = fds[1]
        return true
    }
    close(fds[1])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    var byte: UInt8 = 0
    let completed = read(fds[0], &byte, 1) == 1
    close(fds[0])
    let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
    let code = (status >> 8) & 0xff
    if completed {
        if signalled {
            let sig = status & 0x7f
            signal(sig, SIG_DFL)
            raise(sig)
        }
        _exit(code)
    }
    let outcome: (String, JSONValue) = signalled ? ("signal", .number(Double(status & 0x7f))) : ("status", .number(Double(code)))
    _lecternRecord("error", [("cell", .number(Double(index))), outcome])
    return false
}

/// Marks that an `allow-error` cell ran to its end in the child.
public func _lecternTryEnd(_ index: Int) {
    if let fd = tryPipes.removeValue(forKey: index) {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
        close(fd)
    }
}

/// Records the value of an inline expression `` `{swift} expr` `` (its index among the lecture's inline expressions).
public func _lecternInline<T>(_ index: Int, _ value: T) {
    _lecternRecord("inline", [("index", .number(Double(index))), ("text", .string(formatValue(value)))])
}

/// How a value reads in prose and tables: numbers through `formatNumber`,
/// arrays and tuples element by element, dictionaries sorted by key,
/// optionals unwrapped, everything else as `String(describing:)`.
///
///     formatValue(1.0 / 3)          // "0.333333"
///     formatValue([0.5, 1.0 / 3])   // "[0.5, 0.333333]"
///     formatValue(["b": 2, "a": 1]) // "[\"a\": 1, \"b\": 2]"
public func formatValue<T>(_ value: T) -> String {
    formatAny(value)
}

/// A number as text: integers without a fraction, others with 6 significant digits
/// (`%.6g`: `0.333333`, `3.33333e-05`, `1.23457e+06`). Lectern's check badges and
/// ledger show figures by the same rule; `Tests/Shared/six-digit-numbers.txt` pins both.
public func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return cFormat("%.6g", x)
}
