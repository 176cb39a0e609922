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
    public func run(_ lecture: Lecture, seed: UInt64, timeout: Double) -> LectureRun {
        var run = LectureRun()
        // A lecture without run cells or inline values has nothing to compile.
        if lecture.runCells.isEmpty && lecture.inlines.isEmpty { return run }
        let job = Job(seed: seed, timeout: timeout, lectureDirectory: absolutePath(lectureDirectory(of: lecture)))
        let program = Program.generate(for: lecture)
        let key = cacheKey(program.source)
        let entry = settings.cacheDirectory + "/" + key
        let fm = FileManager.default
        try? fm.createDirectory(atPath: entry, withIntermediateDirectories: true)

        // Compile, unless the binary is cached.
        let binary = entry + "/program"
        if !(settings.useCache && isIntact(binary)) {
            let start = Date()
            let result = compile(program, to: binary, in: entry, typecheckOnly: false)
            run.compileSeconds = Date().timeIntervalSince(start)
            if let errors = result {
                attachCompileErrors(errors, lecture: lecture, to: &run)
                run.notRunReason = "the lecture's program did not compile"
                return run
            }
        }

        // Run, unless the results are cached for this seed and these data files.
        let data: String
        switch dataFingerprint(lecture) {
        case .success(let fingerprint): data = fingerprint
        case .failure(let problem):
            run.diagnostics.append(problem)
            return run
        }
        let runDir = entry + "/run-\(seed)" + (data.isEmpty ? "" : "-" + data.prefix(16))
        let outcome: RunOutcome
        if settings.useCache, let cached = RunOutcome.load(from: runDir) {
            outcome = cached
            run.cacheHit = run.compileSeconds == 0
        } else {
            let start = Date()
            outcome = execute(binary, runDirectory: runDir, job: job)
            run.runSeconds = Date().timeIntervalSince(start)
        }
        collect(outcome, lecture: lecture, job: job, into: &run)

        for cell in lecture.cells where cell.options.expectCompileError {
            probeCompileError(cell, lecture: lecture, into: &run)
        }
        return run
    }

    // MARK: - Compiling

    func cacheKey(_ source: String, salt: String = "") -> String {
        var h = SHA256()
        h.update(source)
        h.update("\u{0}" + engine.compilerVersion + "\u{0}" + engine.fingerprint + "\u{0}")
        h.update(engine.compileFlags.joined(separator: " ") + "\u{0}" + salt)
        return h.finalize()
    }

    /// Compiles `program`; returns nil on success, or the compiler's diagnostics.
    private func compile(_ program: Program, to binary: String, in directory: String, typecheckOnly: Bool) -> String? {
        let source = directory + (typecheckOnly ? "/probe.swift" : "/main.swift")
        do {
            try program.source.write(toFile: source, atomically: true, encoding: .utf8)
        } catch {
            return "cannot write \(source): \(error.localizedDescription)"
        }
        let temporary = binary + ".partial-\(getpid())"
        var arguments = engine.compileFlags + ["-module-cache-path", settings.moduleCacheDirectory, source]
        arguments += typecheckOnly ? ["-typecheck"] : ["-o", temporary]
        let out = directory + "/compile.out", err = directory + "/compile.err"
        do {
            let status = try runProcess(engine.swiftc, arguments, environment: ProcessInfo.processInfo.environment,
                                        stdoutPath: out, stderrPath: err, timeout: 600)
            let diagnostics = ((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
            if !status.succeeded {
                return diagnostics.isEmpty ? "swiftc failed (\(status))" : diagnostics
            }
            if !typecheckOnly {
                // The checksum is written after the binary: a binary without a
                // matching checksum is never run from the cache.
                guard let bytes = FileManager.default.contents(atPath: temporary), rename(temporary, binary) == 0 else {
                    return "cannot store the compiled program at \(binary): \(String(cString: strerror(errno)))"
                }
                try? sha256Hex(Array(bytes)).write(toFile: binary + ".sha256", atomically: true, encoding: .utf8)
            }
            return nil
        } catch {
            return error.description
        }
    }

    /// Maps swiftc's `file:line:col: error: message` lines to the cells they point into.
    private func attachCompileErrors(_ text: String, lecture: Lecture, to run: inout LectureRun) {
        let parsed = parseCompilerDiagnostics(text)
        let errors = parsed.filter { $0.severity == .error }
        if errors.isEmpty {
            run.diagnostics.append(Diagnostic(file: lecture.file, "the lecture's program did not compile:\n\(text)"))
        }
        for d in parsed {
            if d.severity == .error { run.diagnostics.append(d) }
            if d.file == lecture.file, let line = d.line, let cell = cell(containing: line, in: lecture) {
                run.compileErrors[cell.index, default: []].append(d.description)
            }
        }
    }

    /// A cached binary is used only when its checksum matches.
    private func isIntact(_ binary: String) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: binary),
              let sum = try? String(contentsOfFile: binary + ".sha256", encoding: .utf8)
        else { return false }
        return sha256Hex(Array(bytes)) == sum
    }

    // MARK: - Running

    /// The seed and time limit of one run.
    struct Job {
        var seed: UInt64
        var timeout: Double
        var lectureDirectory: String
    }

    /// A hash of the contents of the data files the lecture declares; empty when it declares none.
    private func dataFingerprint(_ lecture: Lecture) -> Result<String, Diagnostic> {
        guard !lecture.frontMatter.data.isEmpty else { return .success("") }
        var h = SHA256()
        for file in lecture.frontMatter.data {
            let path = lectureDirectory(of: lecture) + "/" + file.path
            guard let bytes = FileManager.default.contents(atPath: path) else {
                return .failure(Diagnostic(file: lecture.file, line: file.line, "data file '\(file.path)' cannot be read (looked for \(path))"))
            }
            h.update(file.path + "\u{0}" + String(bytes.count) + "\u{0}")
            h.update(bytes)
        }
        return .success(h.finalize())
    }

    private func execute(_ binary: String, runDirectory final: String, job: Job) -> RunOutcome {
        let fm = FileManager.default
        let runDirectory = final + ".partial-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try? fm.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: runDirectory) }
        let records = runDirectory + "/records"
        _ = fm.createFile(atPath: records, contents: nil)
        var environment = [
            "LECTERN_RECORDS": records,
            "LECTERN_SEED": String(job.seed),
            "LECTERN_LECTURE_DIR": job.lectureDirectory,
            "LECTERN_MAX_OUTPUT": String(settings.maxOutputBytes),
            "SWIFT_BACKTRACE": "enable=no",
            "LANG": "C.UTF-8",
        ]
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let termination: Termination
        do {
            termination = try runProcess(binary, [], environment: environment,
                                         stdoutPath: runDirectory + "/stdout", stderrPath: runDirectory + "/stderr",
                                         timeout: job.timeout)
        } catch {
            termination = .exited(-1)
        }
        let outcome = RunOutcome(
            termination: termination,
            stdout: fm.contents(atPath: runDirectory + "/stdout") ?? Data(),
            stderr: fm.contents(atPath: runDirectory + "/stderr") ?? Data(),
            records: fm.contents(atPath: records) ?? Data())
        outcome.saveStatus(in: runDirectory)
        // Swap the finished run in; a run that another build stored first is as good.
        try? fm.removeItem(atPath: final)
        _ = rename(runDirectory, final)
        return outcome
    }

    /// Splits standard output, standard error and records into the cells they belong to.
    func collect(_ outcome: RunOutcome, lecture: Lecture, job: Job, into run: inout LectureRun) {
        let records = Record.parseFile(outcome.records)
        let stdout = outcome.stdout, stderr = outcome.stderr
        var current: Int?
        var last: Int?
        var textStart = 0
        var stderrStart: [Int: Int] = [:]
        var startTime: [Int: Double] = [:]
        var finished = false

        func slice(_ data: Data, _ from: Int, _ to: Int) -> String {
            let lo = max(0, min(from, data.count)), hi = max(lo, min(to, data.count))
            return String(decoding: data[data.startIndex + lo ..< data.startIndex + hi], as: UTF8.self)
        }
        func takeText(upTo offset: Int) {
            guard offset > textStart else { return }
            if let cell = current ?? last {
                run.cells[cell, default: CellResult()].outputs.append(.text(slice(stdout, textStart, offset)))
            }
            textStart = offset
        }

        for record in records {
            takeText(upTo: record.stdoutOffset)
            let cell = record.fields["cell"]?.int
            switch record.kind {
            case "begin":
                guard let cell else { continue }
                current = cell
                last = cell
                run.cells[cell] = CellResult()
                stderrStart[cell] = record.stderrOffset
                startTime[cell] = record.fields["t"]?.number
            case "end":
                guard let cell else { continue }
                run.cells[cell, default: CellResult()].status = .ok
                if let t0 = startTime[cell], let t1 = record.fields["t"]?.number {
                    run.cells[cell, default: CellResult()].seconds = t1 - t0
                }
                run.cells[cell, default: CellResult()].stderr = slice(stderr, stderrStart[cell] ?? 0, record.stderrOffset)
                current = nil
            case "error":
                guard let cell else { continue }
                let termination: Termination = record.fields["signal"]?.int.map { .signalled(Int32($0)) }
                    ?? .exited(Int32(record.fields["status"]?.int ?? -1))
                failCell(cell, because: describe(termination, cell: cell, lecture: lecture, job: job), stderr: slice(stderr, stderrStart[cell] ?? 0, record.stderrOffset),
                         lecture: lecture, into: &run)
                current = nil
            case "inline":
                if let index = record.fields["index"]?.int, let text = record.fields["text"]?.string {
                    run.inlineValues[index] = text
                }
            case "start":
                break
            case "done":
                finished = true
            default:
                if let target = current ?? last {
                    run.cells[target, default: CellResult()].outputs.append(.record(record))
                }
            }
        }
        takeText(upTo: stdout.count)

        if !finished || !outcome.termination.succeeded {
            let why = describe(outcome.termination, cell: current, lecture: lecture, job: job)
            if let cell = current {
                failCell(cell, because: why, stderr: slice(stderr, stderrStart[cell] ?? 0, stderr.count),
                         lecture: lecture, into: &run)
            } else {
                let tail = slice(stderr, 0, stderr.count)
                run.diagnostics.append(Diagnostic(file: lecture.file, "the lecture's program \(why) outside any cell\(tail.isEmpty ? "" : ":\n" + tail)"))
            }
        }
    }

    private func describe(_ termination: Termination, cell index: Int?, lecture: Lecture, job: Job) -> String {
        let limit = index.flatMap { i in lecture.cells.first { $0.index == i }?.options.timeLimit }
        switch termination {
        case .signalled(SIGALRM) where limit != nil: return "ran past the cell's time limit of \(limit ?? 0) s"
        case .timedOut: return "ran past the lecture's time limit of \(formatSeconds(job.timeout))"
        case .signalled(SIGXFSZ): return "printed more than the output limit of \(settings.maxOutputBytes) bytes"
        case .signalled(let s): return "terminated by \(signalName(s))"
        case .exited(let code): return code == 0 ? "exited early with status 0" : "exited with status \(code)"
        }
    }

    private func failCell(_ index: Int, because why: String, stderr rawStderr: String, lecture: Lecture, into run: inout LectureRun) {
        let stderr = removingStackTraces(rawStderr)
        let message = stderr.isEmpty ? why : "\(stderr.trimmingTrailingNewlines())\n(\(why))"
        run.cells[index, default: CellResult()].status = .runtimeError(message)
        run.cells[index, default: CellResult()].stderr = ""
        guard let cell = lecture.cells.first(where: { $0.index == index }) else { return }
        if !cell.options.allowError {
            let summary = stderr.split(separator: "\n").first.map(String.init) ?? why
            run.diagnostics.append(Diagnostic(file: lecture.file, line: cell.fenceLine,
                                              "cell \(index + 1) failed at run time: \(summary) (\(why))"))
        }
    }

    // MARK: - Cells that must not compile

    private func probeCompileError(_ cell: Cell, lecture: Lecture, into run: inout LectureRun) {
        let probe = Program.compileErrorProbe(for: cell, in: lecture)
        let key = cacheKey(probe.source, salt: "typecheck")
        let directory = settings.cacheDirectory + "/" + key
        let saved = directory + "/diagnostics"
        var diagnostics: String?
        if settings.useCache, let text = try? String(contentsOfFile: saved, encoding: .utf8) {
            diagnostics = text
        } else {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let text = compile(probe, to: directory + "/unused", in: directory, typecheckOnly: true) ?? ""
            try? text.write(toFile: saved, atomically: true, encoding: .utf8)
            diagnostics = text
        }
        let lines = parseCompilerDiagnostics(diagnostics ?? "")
            .filter { $0.file == lecture.file && ($0.line ?? 0) >= cell.codeLine }
        if lines.contains(where: { $0.severity == .error }) {
            run.cells[cell.index] = CellResult(status: .compileError(lines.map(\.description).joined(separator: "\n")))
        } else {
            run.cells[cell.index] = CellResult(status: .runtimeError("expected a compile error, but the cell compiled"))
            run.diagnostics.append(Diagnostic(file: lecture.file, line: cell.fenceLine,
                                              "cell \(cell.index + 1) is marked expect-compile-error but compiled without errors"))
        }
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
    let folder = splitPath(lecture.file).folder
    return folder.isEmpty ? "." : String(folder.dropLast())
}

func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}
