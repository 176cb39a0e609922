import Foundation

/// What happened to one cell.
public enum CellStatus: Equatable, Sendable {
    /// Ran to its end.
    case ok
    /// Not run: the program stopped at an earlier cell, or did not compile.
    case notRun
    /// Trapped, exited, was killed, or ran past the time limit.
    case runtimeError(String)
    /// An `expect-compile-error` cell: the compiler's diagnostics.
    case compileError(String)
}

/// Everything one cell produced.
public struct CellResult: Equatable, Sendable {
    public var outputs: [CellOutput] = []
    /// What the cell wrote to standard error.
    public var stderr: String = ""
    public var status: CellStatus = .notRun
    /// How long the cell ran, when it ran to its end.
    public var seconds: Double?
    /// Its ```output block compared with what it printed, when it has one and ran to its end.
    public var outputCheck: CheckResult?
    /// When it trapped: the stack of the crashed thread, cell frames at their lecture lines (shown with `-v`).
    public var backtrace: [String] = []

    /// All text the cell printed, in order.
    public var printedText: String {
        outputs.reduce(into: "") { if case .text(let t) = $1 { $0 += t } }
    }
}

/// The result of running one lecture's program.
public struct LectureRun: Sendable {
    public var cells: [Int: CellResult] = [:]
    public var inlineValues: [Int: String] = [:]
    /// Errors that fail the build: compile errors, traps outside allow-error cells, ...
    public var diagnostics: [Diagnostic] = []
    /// Compiler diagnostics per cell index, shown under the cell.
    public var compileErrors: [Int: [String]] = [:]
    public var compileSeconds: Double = 0
    public var runSeconds: Double = 0
    public var cacheHit = false
    /// Why cells without a result did not run, as shown under them.
    public var notRunReason = "the program stopped before this cell"
    /// Stacks of traps outside any cell (an inline expression), for `-v`.
    public var backtraces: [String] = []
}

/// Settings of a build that reach execution.
public struct ExecutionSettings: Sendable {
    public var maxOutputBytes: Int = 4 << 20
    public var cacheDirectory: String
    public var useCache = true

    public init(cacheDirectory: String) { self.cacheDirectory = cacheDirectory }

    /// Where `swiftc` keeps the Clang modules it compiles (Glibc, Dispatch, Foundation's C
    /// parts). They depend on the toolchain only, and the compiler checks them itself, so one
    /// folder serves every course of a user: a build with an empty cache compiles lectures,
    /// not the system's headers (about 1 s per cold build). Worked out when a program is
    /// compiled, so a build without cells makes no folder.
    var moduleCacheDirectory: String {
        sharedModuleCache(ProcessInfo.processInfo.environment) ?? cacheDirectory + "/module-cache"
    }
}

/// `$XDG_CACHE_HOME/lectern/module-cache`, else `$HOME/.cache/lectern/module-cache`, made if
/// missing; nil when neither is set or the folder cannot be made and written.
func sharedModuleCache(_ environment: [String: String]) -> String? {
    let base: String
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
        base = xdg
    } else if let home = environment["HOME"], home.hasPrefix("/") {
        base = home + "/.cache"
    } else {
        return nil
    }
    let folder = base + "/lectern/module-cache"
    guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
          access(folder, W_OK) == 0 else { return nil }
    return folder
}

/// Compiles and runs a lecture's program, with a cache keyed by everything
/// that can change the result.
public struct Executor: Sendable {
    public var engine: Engine
    public var settings: ExecutionSettings

    public init(engine: Engine, settings: ExecutionSettings) {
        self.engine = engine
        self.settings = settings
    }

    /// Runs `lecture` from `seed`, stopping it after `timeout` seconds.
    ///
    /// When an item (a cell or an inline expression) does not compile, or uses
    /// a name a later cell declares, the items above it still run: the program
    /// is cut before it, the item shows its diagnostics, and the items below
    /// say why they did not run.
    public func run(_ lecture: Lecture, seed: UInt64, timeout: Double) -> LectureRun {
        var run = LectureRun()
        // A lecture without run cells or inline values has nothing to compile.
        if lecture.runCells.isEmpty && lecture.inlines.isEmpty { return run }
        let job = Job(seed: seed, timeout: timeout, lectureDirectory: absolutePath(lectureDirectory(of: lecture)))
        let items = lecture.programItems
        var usable = items.count
        var stoppedAt: ProgramItem?

        if let early = firstUseBeforeDefinition(items, lecture: lecture, into: &run) {
            usable = early
            stoppedAt = items[early]
        }
        // Compile the items that can run; when one does not compile, cut the program before it.
        var program = Program(items: Array(items[..<usable]))
        var binary: String?
        while usable > 0 {
            let entry = settings.cacheDirectory + "/" + cacheKey(program.source)
            let path = entry + "/program"
            try? FileManager.default.createDirectory(atPath: entry, withIntermediateDirectories: true)
            if settings.useCache && isIntact(path) { binary = path; break }
            let start = Date()
            let errors = compile(program, to: path, in: entry, typecheckOnly: false)
            run.compileSeconds += Date().timeIntervalSince(start)
            guard let errors else { binary = path; break }
            guard let failing = attachCompileErrors(errors, program: program, lecture: lecture, to: &run),
                  let k = items.firstIndex(of: failing), k < usable else {
                run.notRunReason = "the lecture's program did not compile"
                return run
            }
            usable = k
            stoppedAt = failing
            program = Program(items: Array(items[..<usable]))
        }
        if let stoppedAt {
            let what: String
            switch stoppedAt {
            case .cell(let c): what = "the cell at line \(c.fenceLine)"
            case .inline(let e): what = "the inline expression at line \(e.line)"
            }
            run.notRunReason = "\(what) did not compile"
        }

        if let binary {
            // Run, unless the results are cached for this seed and these data files.
            let data: String
            switch dataFingerprint(lecture) {
            case .success(let fingerprint): data = fingerprint
            case .failure(let problem):
                run.diagnostics.append(problem)
                return run
            }
            let entry = String(binary.dropLast("/program".count))
            let runDir = entry + "/run-\(seed)" + (data.isEmpty ? "" : "-" + data.prefix(16))
            let outcome: RunOutcome
            if settings.useCache, let cached = RunOutcome.load(from: runDir) {
                outcome = cached
                run.cacheHit = run.compileSeconds == 0
            } else {
                let start = Date()
                switch execute(binary, runDirectory: runDir, job: job) {
                case .success(let o): outcome = o
                case .failure(let problem):
                    run.diagnostics.append(Diagnostic(file: lecture.file, problem.reason))
                    return run
                }
                run.runSeconds = Date().timeIntervalSince(start)
            }
            collect(outcome, program: program, lecture: lecture, job: job, into: &run)
            decideOutputChecks(lecture, &run)
        }

        for cell in lecture.cells where cell.options.expectCompileError {
            probeCompileError(cell, lecture: lecture, into: &run)
        }
        return run
    }
}

/// The cell whose code contains `line` of the .md file.
func cell(containing line: Int, in lecture: Lecture) -> Cell? {
    lecture.cells.last { $0.codeLine <= line }
}

func formatSeconds(_ s: Double) -> String {
    s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s.removeLast() }
        return String(s)
    }
}

/// The folder that holds the lecture file.
func lectureDirectory(of lecture: Lecture) -> String {
    if let directory = lecture.directory { return directory }
    let folder = splitPath(lecture.file).folder
    return folder.isEmpty ? "." : String(folder.dropLast())
}

func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
