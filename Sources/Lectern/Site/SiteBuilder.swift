import CommonMark
import Foundation
import TeXMath

/// What `lectern build` and `lectern check` are asked to do.
public struct BuildOptions: Sendable {
    public var lecturesDirectory = "lectures"
    public var outputDirectory = "output"
    public var enginePath: String?
    public var cacheDirectory = ".lectern-cache"
    public var useCache = true
    public var keepGoing = false
    /// Seconds for one lecture's program; nil: the lecture's front matter, else 120.
    public var timeout: Double?
    public var seed: UInt64?
    /// false for `lectern check`: run everything, write nothing.
    public var writeSite = true
    /// For `lectern check --seeds N`: rerun every lecture with N more seeds and
    /// count how often each statistical check fails.
    public var seeds = 0
    public var quiet = false
    public var verbose = false

    public init() {}
}

/// The outcome of a build, with its exit status.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var lectures = 0
    public var cells = 0
    /// Checks over all lectures (``CheckResult``s, including ```output blocks).
    public var checksPassed = 0
    public var checksFailed = 0
    /// For `check --seeds N`: each statistical check's location and name, and in how many seeds it failed.
    public var seedFailures: [(check: String, failed: Int, runs: Int)] = []
    /// The slowest cells of the build, slowest first: `file:line` and seconds.
    public var slowestCells: [(location: String, seconds: Double)] = []
    /// 0 success, 1 the lectures have errors, 2 bad invocation or configuration.
    public var exitCode: Int32 = 0
}

/// The default seed a lecture starts from when neither its front matter nor `--seed` names one.
public let defaultSeed: UInt64 = 23

/// The default time limit of one lecture's program, in seconds.
public let defaultTimeout: Double = 120

/// The seed and time limit one lecture runs with.
struct RunPlan: Sendable {
    var seed: UInt64
    var timeout: Double
}

/// Builds the site: parse every lecture, run its cells, render the pages into a
/// temporary folder and swap it in whole.
public func buildSite(_ options: BuildOptions, log: @escaping @Sendable (String) -> Void) -> BuildReport {
    var report = BuildReport()
    let fm = FileManager.default
    let lecturesDir = normalize(options.lecturesDirectory)
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: lecturesDir, isDirectory: &isDirectory), isDirectory.boolValue else {
        report.diagnostics.append(Diagnostic(file: lecturesDir, "lectures folder not found"))
        report.exitCode = 2
        return report
    }
    if options.writeSite, let problem = checkOutputLocation(options.outputDirectory, lectures: lecturesDir) {
        report.diagnostics.append(problem)
        report.exitCode = 2
        return report
    }
    let names = ((try? fm.contentsOfDirectory(atPath: lecturesDir)) ?? [])
        .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
        .sorted()
    guard !names.isEmpty else {
        report.diagnostics.append(Diagnostic(file: lecturesDir, "no lectures: the folder has no .md files"))
        report.exitCode = 1
        return report
    }

    // One build at a time into one output folder: a second build waits.
    var lock: BuildLock?
    if options.writeSite {
        lock = BuildLock(output: options.outputDirectory, cacheDirectory: options.cacheDirectory,
                         log: options.quiet ? { _ in } : log)
    }
    defer { lock?.release() }

    // Parse.
    var lectures: [Lecture] = []
    for name in names {
        let file = lecturesDir == "." ? name : "\(lecturesDir)/\(name)"
        do {
            lectures.append(try parseLecture(file: file))
        } catch {
            report.diagnostics += error.items
        }
    }
    report.lectures = names.count
    // Pages are named after their files; a lecture may not take the index's name.
    for lecture in lectures where lecture.slug.lowercased() == "index" {
        report.diagnostics.append(Diagnostic(file: lecture.file, "a lecture cannot be named index.md: its page would replace the course index; rename the file"))
    }
    if report.diagnostics.contains(where: { $0.severity == .error }) {
        report.exitCode = 1
        return report
    }

    // Compile and run, in parallel, results in file order. Lectures without
    // run cells need neither the compiler nor the engine.
    let needsEngine = lectures.contains { !$0.runCells.isEmpty || !$0.inlines.isEmpty }
    let engine: Engine
    do {
        engine = needsEngine ? try Engine.locate(explicit: options.enginePath, cacheDirectory: options.useCache ? options.cacheDirectory : nil) : Engine.none
    } catch {
        report.diagnostics.append(error)
        report.exitCode = 2
        return report
    }
    var settings = ExecutionSettings(cacheDirectory: options.cacheDirectory)
    settings.useCache = options.useCache
    let executor = Executor(engine: engine, settings: settings)
    let plans = lectures.map { lecture in
        RunPlan(seed: options.seed ?? lecture.frontMatter.seed ?? defaultSeed,
                timeout: options.timeout ?? lecture.frontMatter.timeout ?? defaultTimeout)
    }
    let runs = runAll(lectures, plans: plans, executor: executor, log: options.quiet ? nil : log, verbose: options.verbose)
    var timings: [(location: String, seconds: Double)] = []
    var checks: [[CheckResult]] = []
    for (lecture, run) in zip(lectures, runs) {
        report.diagnostics += run.diagnostics
        let lectureChecks = verify(lecture, run)
        checks.append(lectureChecks)
        for check in lectureChecks {
            if check.passed { report.checksPassed += 1 } else {
                report.checksFailed += 1
                report.diagnostics.append(diagnostic(for: check))
            }
        }
        report.cells += lecture.runCells.count
        for cell in lecture.cells {
            if let seconds = run.cells[cell.index]?.seconds { timings.append(("\(lecture.file):\(cell.fenceLine)", seconds)) }
        }
    }
    report.slowestCells = Array(timings.sorted { $0.seconds > $1.seconds }.prefix(3))

    if !report.diagnostics.isEmpty { report.exitCode = 1 }
    if options.seeds > 0 {
        report.seedFailures = rerunStatisticalChecks(lectures, plans: plans, executor: executor, seeds: options.seeds,
                                                     log: options.quiet ? nil : log)
        if report.seedFailures.contains(where: { $0.failed > 0 }) { report.exitCode = 1 }
    }
    guard options.writeSite else { return report }
    if report.exitCode != 0 && !options.keepGoing {
        report.diagnostics.append(Diagnostic(file: options.outputDirectory, severity: .note,
                                             "the site was not written because of the errors above; --keep-going writes it anyway"))
        return report
    }
    do {
        let site = try SiteLayout(lecturesDirectory: lecturesDir)
        try writeSite(lectures: lectures, runs: runs, checks: checks, plans: plans, layout: site, to: options.outputDirectory)
    } catch {
        report.diagnostics.append(error)
        report.exitCode = max(report.exitCode, 1)
    }
    return report
}

/// Reads and parses one lecture file.
func parseLecture(file: String) throws(Diagnostics) -> Lecture {
    guard let data = FileManager.default.contents(atPath: file) else {
        throw Diagnostics([Diagnostic(file: file, "cannot read the file")])
    }
    guard let source = String(validating: data, as: UTF8.self) else {
        let line = invalidUTF8Line(data)
        throw Diagnostics([Diagnostic(file: file, line: line, "the file is not valid UTF-8")])
    }
    return try parseLecture(source: source, file: file)
}

/// Parses a lecture's text; `file` names it in diagnostics.
public func parseLecture(source: String, file: String) throws(Diagnostics) -> Lecture {
    let frontMatter: FrontMatter
    let body: String
    do {
        (frontMatter, body) = try splitFrontMatter(source, file: file)
    } catch {
        throw Diagnostics([error])
    }
    let protection = protectMath(in: body)
    var problems = protection.problems.map { Diagnostic(file: file, line: $0.line, column: $0.column, $0.message) }
    let macros = Dictionary(uniqueKeysWithValues: frontMatter.macros.map { name, body in
        (name, Macro(arity: frontMatter.macroArity[name] ?? 0, body: body))
    })
    let rendered = MathRenderer(macros: macros).renderDocument(protection.spans.map { ($0.tex, $0.display) })
    var math: [String] = []
    for (span, result) in zip(protection.spans, rendered) {
        switch result {
        case .success(let mathML):
            math.append(mathML)
        case .failure(let error):
            let at = span.sourcePosition(line: error.line, column: error.column)
            problems.append(Diagnostic(file: file, line: at.line, column: at.column, error.message))
            math.append("")
        }
    }
    let document = CommonMark.parse(protection.text)
    var cells: [Cell] = [], inlines: [InlineExpression] = []
    do {
        (cells, inlines) = try collectCells(in: document, file: file)
    } catch {
        problems += error.items
    }
    if !problems.isEmpty {
        throw Diagnostics(problems.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
    }
    let slug = String(splitPath(file).name.dropLast(3))
    return Lecture(file: file, slug: slug, frontMatter: frontMatter, document: document, cells: cells, inlines: inlines,
                   math: protection.spans, mathML: math)
}

/// The line of the first byte that is not valid UTF-8.
private func invalidUTF8Line(_ data: Data) -> Int {
    var line = 1
    var start = data.startIndex
    for (i, byte) in data.enumerated() where byte == UInt8(ascii: "\n") {
        if String(validating: data[start..<data.startIndex + i], as: UTF8.self) == nil { return line }
        line += 1
        start = data.startIndex + i + 1
    }
    return line
}

/// Runs the lectures' programs, up to one per core at once; results in input order.
private func runAll(_ lectures: [Lecture], plans: [RunPlan], executor: Executor, log: (@Sendable (String) -> Void)?,
                    verbose: Bool = false) -> [LectureRun] {
    let results = ResultBox(count: lectures.count)
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lectures.count))
    let next = ResultBox(count: 0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let i = next.claim(below: lectures.count) {
            let start = Date()
            let run = executor.run(lectures[i], seed: plans[i].seed, timeout: plans[i].timeout)
            let seconds = Date().timeIntervalSince(start)
            if let log {
                var line = String(format: "%@ %.2f s", lectures[i].file, seconds)
                if run.cacheHit { line += " (cached)" }
                else { line += String(format: " (compile %.2f s, run %.2f s)", run.compileSeconds, run.runSeconds) }
                if !run.diagnostics.isEmpty { line += " — \(run.diagnostics.count) error(s)" }
                if verbose {
                    line += " seed \(plans[i].seed), time limit \(formatSeconds(plans[i].timeout))"
                    for cell in lectures[i].runCells {
                        let result = run.cells[cell.index]
                        let time = result?.seconds.map { String(format: "%.3f s", $0) } ?? "-"
                        line += "\n  \(lectures[i].file):\(cell.fenceLine) cell \(cell.index + 1): \(time)"
                        if case .runtimeError? = result?.status { line += " (failed)" }
                    }
                }
                results.set(i, run, line: line, log: log)
            } else {
                results.set(i, run, line: nil, log: nil)
            }
        }
    }
    return results.all()
}

/// A lock-protected array of results and a work counter, shared by the workers.
/// Progress lines are printed in lecture order, each as soon as those before it are done.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [LectureRun?]
    private var lines: [String?]
    private var printed = 0
    private var counter = 0

    init(count: Int) {
        items = Array(repeating: nil, count: count)
        lines = Array(repeating: nil, count: count)
    }

    func set(_ i: Int, _ run: LectureRun, line: String?, log: (@Sendable (String) -> Void)?) {
        lock.withLock {
            items[i] = run
            lines[i] = line
            while printed < lines.count, items[printed] != nil {
                if let line = lines[printed] { log?(line) }
                printed += 1
            }
        }
    }
    func all() -> [LectureRun] { lock.withLock { items.map { $0 ?? LectureRun() } } }
    func claim(below limit: Int) -> Int? {
        lock.withLock {
            guard counter < limit else { return nil }
            counter += 1
            return counter - 1
        }
    }
}

/// Refuses an output folder that would overwrite the lectures or the repository.
private func checkOutputLocation(_ output: String, lectures: String) -> Diagnostic? {
    let fm = FileManager.default
    let out = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
    let lec = URL(fileURLWithPath: lectures).standardizedFileURL.resolvingSymlinksInPath().path
    if out == lec || lec.hasPrefix(out + "/") || out == "/" {
        return Diagnostic(file: output, "refusing to write the site into \(output): it is or contains the lectures folder")
    }
    for marker in [".git", "Package.swift"] where fm.fileExists(atPath: out + "/" + marker) {
        return Diagnostic(file: output, "refusing to write the site into \(output): it looks like a repository root (has \(marker))")
    }
    return nil
}

/// Writes the pages into a temporary folder beside `output`, then swaps it in.
private func writeSite(lectures: [Lecture], runs: [LectureRun], checks: [[CheckResult]], plans: [RunPlan],
                       layout: SiteLayout, to output: String) throws(Diagnostic) {
    let fm = FileManager.default
    let (parent, base) = splitPath(normalize(output))
    let staging = parent + ".\(base).partial-\(getpid())"
    try? fm.removeItem(atPath: staging)
    do {
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        var files: [(String, String)] = [("style.css", siteStylesheet)]
        files.append(("index.html", layout.renderIndex(lectures)))
        for (i, lecture) in lectures.enumerated() {
            let prev = i > 0 ? lectures[i - 1] : nil
            let next = i + 1 < lectures.count ? lectures[i + 1] : nil
            files.append(("\(lecture.slug).html", layout.renderPage(lecture, run: runs[i], checks: checks[i], seed: plans[i].seed,
                                                                   previous: prev, next: next)))
            if !checks[i].isEmpty {
                files.append(("\(lecture.slug).checks.json", ledgerJSON(checks[i], lecture: lecture.file)))
            }
        }
        for (name, content) in files {
            try content.write(toFile: staging + "/" + name, atomically: false, encoding: .utf8)
        }
    } catch {
        try? fm.removeItem(atPath: staging)
        throw Diagnostic(file: output, "cannot write the site: \(error.localizedDescription)")
    }
    let old = parent + ".\(base).old-\(getpid())"
    do {
        if fm.fileExists(atPath: output) { try fm.moveItem(atPath: output, toPath: old) }
        try fm.moveItem(atPath: staging, toPath: output)
        try? fm.removeItem(atPath: old)
    } catch {
        if !fm.fileExists(atPath: output), fm.fileExists(atPath: old) { try? fm.moveItem(atPath: old, toPath: output) }
        try? fm.removeItem(atPath: staging)
        throw Diagnostic(file: output, "cannot replace the site: \(error.localizedDescription)")
    }
}

private func normalize(_ path: String) -> String {
    var p = path
    while p.hasPrefix("./") { p.removeFirst(2) }
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    return p.isEmpty ? "." : p
}

/// Splits a path into its folder (with a trailing slash, or empty) and its last component.
func splitPath(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[...slash]), String(path[path.index(after: slash)...]))
}

/// An exclusive lock on an output folder, held for the whole build, so that two
/// builds into the same folder never mix their pages: the second one waits.
final class BuildLock {
    private var fd: Int32 = -1

    init(output: String, cacheDirectory: String, log: (String) -> Void) {
        let absolute = URL(fileURLWithPath: output).standardizedFileURL.path
        let directory = cacheDirectory + "/locks"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + sha256Hex(Array(absolute.utf8)).prefix(16) + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            log("waiting for another build into \(output)/ to finish...")
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    func release() {
        if fd >= 0 { flock(fd, LOCK_UN); close(fd); fd = -1 }
    }
}

/// Reruns every lecture with `seeds` seeds after the default one and counts,
/// for each statistical check, in how many runs it failed.
private func rerunStatisticalChecks(_ lectures: [Lecture], plans: [RunPlan], executor: Executor, seeds: Int,
                                    log: (@Sendable (String) -> Void)?) -> [(check: String, failed: Int, runs: Int)] {
    var order: [String] = []
    var failures: [String: (failed: Int, runs: Int)] = [:]
    for k in 1...seeds {
        let seeded = plans.map { RunPlan(seed: $0.seed &+ UInt64(k), timeout: $0.timeout) }
        let runs = runAll(lectures, plans: seeded, executor: executor, log: nil)
        for (lecture, run) in zip(lectures, runs) {
            for check in verify(lecture, run) where check.kind == .estimate {
                let key = "\(check.location): \(check.name)"
                if failures[key] == nil { order.append(key); failures[key] = (0, 0) }
                failures[key]?.runs += 1
                if !check.passed { failures[key]?.failed += 1 }
            }
        }
        log?("seeds +\(k): done (\(k)/\(seeds))")
    }
    return order.map { ($0, failures[$0]?.failed ?? 0, failures[$0]?.runs ?? 0) }
}
