import Foundation

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
        var site = try SiteLayout(lecturesDirectory: lecturesDir)
        site.compilerVersion = engine.compilerVersion
        try writeSite(lectures: lectures, runs: runs, checks: checks, plans: plans, layout: site, to: options.outputDirectory)
    } catch {
        report.diagnostics.append(error)
        report.exitCode = max(report.exitCode, 1)
    }
    return report
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
