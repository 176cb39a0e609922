import Foundation

/// The environment every lecture program runs in, besides its own settings:
/// hashing with a fixed seed (so a `Set` or a `Dictionary` prints in the same
/// order in every run), the C.UTF-8 locale, the UTC time zone, and the
/// runtime's backtracer, whose frames place a trap at its lecture line.
let programEnvironment: [String: String] = [
    "SWIFT_DETERMINISTIC_HASHING": "1",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,sanitize=no,demangle=yes,limit=64,threads=crashed,registers=none,images=none",
]

/// Why a run's outcome could not be stored.
struct RunFailure: Error { var reason: String }

/// The exit status the runtime uses when it cannot write a cell's output or a record whole.
let outputWriteFailureStatus: Int32 = 75

extension Executor {
    /// The seed and time limit of one run.
    struct Job {
        var seed: UInt64
        var timeout: Double
        var lectureDirectory: String
    }

    /// A hash of the contents of the data files the lecture declares; empty when it declares none.
    func dataFingerprint(_ lecture: Lecture) -> Result<String, Diagnostic> {
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

    /// Runs the compiled program and stores its outcome in the cache; fails when the outcome cannot be stored whole.
    func execute(_ binary: String, runDirectory final: String, job: Job) -> Result<RunOutcome, RunFailure> {
        let fm = FileManager.default
        let runDirectory = final + ".partial-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try? fm.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: runDirectory) }
        let records = runDirectory + "/records"
        guard fm.createFile(atPath: records, contents: nil) else {
            return .failure(RunFailure(reason: "cannot create the run's record file \(records)"))
        }
        var environment = programEnvironment
        environment["LECTERN_RECORDS"] = records
        environment["LECTERN_SEED"] = String(job.seed)
        environment["LECTERN_LECTURE_DIR"] = job.lectureDirectory
        environment["LECTERN_MAX_OUTPUT"] = String(settings.maxOutputBytes)
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
        do {
            try outcome.saveStatus(in: runDirectory)
        } catch {
            return .failure(RunFailure(reason: "cannot store the run's results in the cache (\(runDirectory)/status): \(error.localizedDescription)"))
        }
        // Swap the finished run in; a run that another build stored first is as good.
        try? fm.removeItem(atPath: final)
        _ = rename(runDirectory, final)
        return .success(outcome)
    }

    /// Splits standard output, standard error and records into the cells they belong to.
    func collect(_ outcome: RunOutcome, program: Program, lecture: Lecture, job: Job, into run: inout LectureRun) {
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

        for var record in records {
            takeText(upTo: record.stdoutOffset)
            // Records name a cell by its place in the program.
            func cellIndex(_ n: Int) -> Int? { n < program.cells.count ? program.cells[n].index : nil }
            switch RecordValue(record) {
            case .begin(let n, let time):
                guard let cell = cellIndex(n) else { continue }
                current = cell
                last = cell
                run.cells[cell] = CellResult()
                stderrStart[cell] = record.stderrOffset
                startTime[cell] = time
            case .end(let n, let time):
                guard let cell = cellIndex(n) else { continue }
                run.cells[cell, default: CellResult()].status = .ok
                if let t0 = startTime[cell], let t1 = time {
                    run.cells[cell, default: CellResult()].seconds = t1 - t0
                }
                run.cells[cell, default: CellResult()].stderr = program.mapPositions(
                    in: slice(stderr, stderrStart[cell] ?? 0, record.stderrOffset), file: lecture.file)
                current = nil
            case .error(let n, let termination):
                guard let cell = cellIndex(n) else { continue }
                failCell(cell, termination: termination, stderr: slice(stderr, stderrStart[cell] ?? 0, record.stderrOffset),
                         outcome: outcome, program: program, lecture: lecture, job: job, into: &run)
                current = nil
            case .inline(let n, let text):
                if n < program.inlines.count { run.inlineValues[program.inlines[n].index] = text }
            case .start:
                break
            case .done:
                finished = true
            case .check, .table, .plot, .unknown:
                // Checks are decided here, once (at the lecture's lines); tables and plots are drawn from their records.
                relocate(&record, program: program, lecture: lecture)
                if let target = current ?? last {
                    let output: CellOutput = checkResult(from: record).map { .check($0) } ?? .record(record)
                    run.cells[target, default: CellResult()].outputs.append(output)
                }
            }
        }
        takeText(upTo: stdout.count)

        if !finished || !outcome.termination.succeeded {
            if let cell = current {
                failCell(cell, termination: outcome.termination, stderr: slice(stderr, stderrStart[cell] ?? 0, stderr.count),
                         outcome: outcome, program: program, lecture: lecture, job: job, into: &run)
            } else {
                let text = slice(stderr, 0, stderr.count)
                let why = describe(outcome.termination, cell: nil, lecture: lecture, job: job, outcome: outcome)
                if let trap = parseTrap(text), let frame = trap.frame,
                   let place = program.location(file: frame.file, line: frame.line, column: frame.column) {
                    run.diagnostics.append(Diagnostic(file: lecture.file, line: place.line, column: place.column, trap.message ?? why))
                    run.backtraces.append(mappedStack(trap, program: program, lecture: lecture))
                } else {
                    let tail = program.mapPositions(in: text, file: lecture.file)
                    run.diagnostics.append(Diagnostic(file: lecture.file, "the lecture's program \(why) outside any cell\(tail.isEmpty ? "" : ":\n" + tail)"))
                }
            }
        }
    }

    /// A check record's `file` and `line` name the generated file; they are rewritten to the lecture's.
    private func relocate(_ record: inout Record, program: Program, lecture: Lecture) {
        guard case .object(var fields) = record.fields, let file = fields["file"]?.string,
              let line = fields["line"]?.int,
              let place = program.location(file: file, line: line, column: nil) else { return }
        fields["file"] = .string(lecture.file)
        fields["line"] = .number(Double(place.line))
        record.fields = .object(fields)
    }

    func describe(_ termination: Termination, cell index: Int?, lecture: Lecture, job: Job, outcome: RunOutcome) -> String {
        let limit = index.flatMap { i in lecture.cells.first { $0.index == i }?.options.timeLimit }
        switch termination {
        case .signalled(SIGALRM) where limit != nil: return "ran past the cell's time limit of \(limit ?? 0) s"
        case .timedOut: return "ran past the lecture's time limit of \(formatSeconds(job.timeout))"
        case .signalled(SIGXFSZ) where outcome.stdout.count < settings.maxOutputBytes && outcome.stderr.count < settings.maxOutputBytes:
            return "could not write its output whole: a file reached the system's file size limit (RLIMIT_FSIZE)"
        case .signalled(SIGXFSZ): return "printed more than the output limit of \(settings.maxOutputBytes) bytes"
        case .exited(outputWriteFailureStatus): return "could not write its output whole"
        case .signalled(let s): return "terminated by \(signalName(s))"
        case .exited(let code): return code == 0 ? "exited early with status 0" : "exited with status \(code)"
        }
    }

    /// Marks a cell as failed: at the lecture line of the innermost cell frame
    /// of a trap, with the runtime's message; else at the cell's fence, saying how the program ended.
    private func failCell(_ index: Int, termination: Termination, stderr rawStderr: String, outcome: RunOutcome,
                          program: Program, lecture: Lecture, job: Job, into run: inout LectureRun) {
        guard let cell = lecture.cells.first(where: { $0.index == index }) else { return }
        var line = cell.fenceLine, column: Int?, located = false
        var message: String
        var own = rawStderr
        if let trap = parseTrap(rawStderr) {
            message = trap.message ?? describe(termination, cell: index, lecture: lecture, job: job, outcome: outcome)
            own = trap.before
            if let frame = trap.frame, let place = program.location(file: frame.file, line: frame.line, column: frame.column) {
                line = place.line
                column = place.column
                located = true
            }
            run.cells[index, default: CellResult()].backtrace = trap.frames.map { program.mapPositions(in: $0, file: lecture.file) }
        } else {
            message = describe(termination, cell: index, lecture: lecture, job: job, outcome: outcome)
            // The runtime's own explanation (a write that failed) is the last line it wrote.
            if termination == .exited(outputWriteFailureStatus),
               let last = own.split(separator: "\n").last(where: { $0.hasPrefix("lectern: ") }) {
                message += ": " + last.dropFirst("lectern: ".count)
            }
        }
        own = program.mapPositions(in: removingStackTraces(own), file: lecture.file)
        run.cells[index, default: CellResult()].status = .runtimeError(located ? "line \(line): \(message)" : message)
        run.cells[index, default: CellResult()].stderr = own
        if !cell.options.allowError {
            run.diagnostics.append(Diagnostic(file: lecture.file, line: line, column: column, message))
        }
    }

    /// The stack of a trap, one frame a line, cell frames at their lecture lines.
    func mappedStack(_ trap: Trap, program: Program, lecture: Lecture) -> String {
        trap.frames.map { "  " + program.mapPositions(in: $0, file: lecture.file) }.joined(separator: "\n")
    }
}
