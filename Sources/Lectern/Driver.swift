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
    /// Every warning is an error (as Documenter's strict mode).
    public var strict = false

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
    /// Markdown files of the lectures folder that are not lectures (not `NN-slug.md`).
    public var skippedFiles: [String] = []
    /// 0 success, 1 the lectures have errors, 2 bad invocation or configuration.
    public var exitCode: Int32 = 0
}

/// The default seed a lecture starts from when neither its front matter nor `--seed` names one.
let defaultSeed: UInt64 = 23

/// The default time limit of one lecture's program, in seconds.
let defaultTimeout: Double = 120

/// The seed and time limit one lecture runs with.
struct RunPlan: Sendable {
    var seed: UInt64
    var timeout: Double
}

/// One lecture on its way through the build: parsed, then planned and run, then
/// its checks decided, then rendered. Each step fills in its part.
struct LectureBuild: Sendable {
    /// The parsed lecture (step 1).
    var lecture: Lecture
    /// The seed and time limit it runs with (step 2).
    var plan: RunPlan
    /// What its program did (step 2).
    var run = LectureRun()
    /// Its checks, decided (step 3): recorded checks and ```output comparisons, in page order.
    var checks: [CheckResult] = []
}

/// Builds the site: the lectures go through named steps, one value per lecture
/// (``LectureBuild``) from step to step.
///
/// 1. **parse** every `NN-slug.md` file (``parseLectures``),
/// 2. **run** each lecture's program, compiled or cached, in parallel (``runLectures``),
/// 3. **decide** the checks and count them (``decideChecks``),
/// 4. **render** the pages, the index, the ledgers and the slides (``renderSite``),
/// 5. **write** them into a temporary folder and swap it in whole (``writeSite``).
///
/// `lectern check` stops after step 3 (and reruns with more seeds if asked).
public func buildSite(_ options: BuildOptions, log: @escaping @Sendable (String) -> Void) -> BuildReport {
    var report = BuildReport()
    let progress: (@Sendable (String) -> Void)? = options.quiet ? nil : log
    guard let (lecturesDir, files) = findLectures(options, &report) else { return report }

    // One build at a time into one output folder: a second build waits.
    let lock = options.writeSite
        ? BuildLock(output: options.outputDirectory, cacheDirectory: options.cacheDirectory, log: progress ?? { _ in })
        : nil
    defer { lock?.release() }
    if options.writeSite { sweepLeftovers(of: options.outputDirectory, log: progress ?? { _ in }) }

    for skipped in report.skippedFiles where options.verbose {
        progress?("skipped \(skipped): not a lecture (lectures are named NN-slug.md)")
    }
    var lectures = parseLectures(files, in: lecturesDir, options: options, &report)
    var parsed = lectures.map(\.lecture)
    let links = resolveLinks(&parsed, lecturesDirectory: lecturesDir)
    for i in lectures.indices { lectures[i].lecture = parsed[i] }
    report.diagnostics += links.problems
    if options.strict { promoteWarnings(&report) }
    if report.diagnostics.contains(where: { $0.severity == .error }) {
        report.exitCode = 1
        return report
    }
    guard let executor = makeExecutor(for: lectures, options: options, &report) else { return report }
    runLectures(&lectures, executor: executor, log: progress, verbose: options.verbose)
    decideChecks(&lectures, &report)
    if options.strict { promoteWarnings(&report) }

    if report.diagnostics.contains(where: { $0.severity == .error }) { report.exitCode = 1 }
    if options.seeds > 0 {
        report.seedFailures = rerunStatisticalChecks(lectures, executor: executor, seeds: options.seeds, log: progress)
        if report.seedFailures.contains(where: { $0.failed > 0 }) { report.exitCode = 1 }
    }
    guard options.writeSite else { return report }
    if report.exitCode != 0 && !options.keepGoing {
        report.diagnostics.append(Diagnostic(file: options.outputDirectory, severity: .note,
                                             "the site was not written because of the errors above; --keep-going writes it anyway"))
        return report
    }
    do {
        let files = try renderSite(lectures, lecturesDirectory: lecturesDir, compiler: executor.engine.compilerVersion)
        try writeSite(files, linked: links.assets, to: options.outputDirectory)
    } catch {
        report.diagnostics.append(error)
        report.exitCode = max(report.exitCode, 1)
    }
    return report
}

/// The lectures folder and its lecture files in order, or nil (with the
/// reason in the report) when there is nothing to build or nowhere to write.
private func findLectures(_ options: BuildOptions, _ report: inout BuildReport) -> (folder: String, files: [String])? {
    let fm = FileManager.default
    let lecturesDir = normalize(options.lecturesDirectory)
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: lecturesDir, isDirectory: &isDirectory), isDirectory.boolValue else {
        report.diagnostics.append(Diagnostic(file: lecturesDir, "lectures folder not found"))
        report.exitCode = 2
        return nil
    }
    if options.writeSite, let problem = checkOutputLocation(options.outputDirectory, lectures: lecturesDir) {
        report.diagnostics.append(problem)
        report.exitCode = 2
        return nil
    }
    if let problem = prepareCacheFolder(options.cacheDirectory) {
        report.diagnostics.append(problem)
        report.exitCode = 2
        return nil
    }
    let markdown = ((try? fm.contentsOfDirectory(atPath: lecturesDir)) ?? [])
        .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
        .sorted()
    // Lectures are the NN-slug.md files; other Markdown (README.md, notes) is not a page.
    let names = markdown.filter(isLectureName)
    report.skippedFiles = markdown.filter { !isLectureName($0) }.map { lecturesDir == "." ? $0 : "\(lecturesDir)/\($0)" }
    guard !names.isEmpty else {
        report.diagnostics.append(Diagnostic(file: lecturesDir, "no lectures: the folder has no NN-slug.md files (such as 01-introduction.md)"))
        report.exitCode = 1
        return nil
    }
    return (lecturesDir, names.map { lecturesDir == "." ? $0 : "\(lecturesDir)/\($0)" })
}

/// Step 1: parses every lecture file and plans its run (seed and time limit).
private func parseLectures(_ files: [String], in lecturesDir: String, options: BuildOptions, _ report: inout BuildReport) -> [LectureBuild] {
    var lectures: [LectureBuild] = []
    for file in files {
        do {
            let lecture = try parseLecture(path: file, shownAs: lectureName(file, in: lecturesDir))
            report.diagnostics += lecture.warnings
            let plan = RunPlan(seed: options.seed ?? lecture.frontMatter.seed ?? defaultSeed,
                               timeout: options.timeout ?? lecture.frontMatter.timeout ?? defaultTimeout)
            lectures.append(LectureBuild(lecture: lecture, plan: plan))
        } catch {
            report.diagnostics += error.items
        }
    }
    report.lectures = files.count
    // Pages are named after their files; a lecture may not take the index's name.
    for lecture in lectures.map(\.lecture) where lecture.slug.lowercased() == "index" {
        report.diagnostics.append(Diagnostic(file: lecture.file, "a lecture cannot be named index.md: its page would replace the course index; rename the file"))
    }
    return lectures
}

/// The executor for the lectures' programs. Lectures without run cells need
/// neither the compiler nor the engine. Nil (exit status 2) when the engine is missing.
private func makeExecutor(for lectures: [LectureBuild], options: BuildOptions, _ report: inout BuildReport) -> Executor? {
    let needsEngine = lectures.contains { !$0.lecture.runCells.isEmpty || !$0.lecture.inlines.isEmpty }
    let engine: Engine
    do {
        engine = needsEngine ? try Engine.locate(explicit: options.enginePath, cacheDirectory: options.useCache ? options.cacheDirectory : nil) : Engine.none
    } catch {
        report.diagnostics.append(error)
        report.exitCode = 2
        return nil
    }
    var settings = ExecutionSettings(cacheDirectory: options.cacheDirectory)
    settings.useCache = options.useCache
    return Executor(engine: engine, settings: settings)
}

/// Step 3: decides every lecture's checks, and counts them, its cells and their
/// timings into the report. A failed check is an error at its line; a slide
/// estimated taller than its frame, a warning at its line.
private func decideChecks(_ lectures: inout [LectureBuild], _ report: inout BuildReport) {
    var timings: [(location: String, seconds: Double)] = []
    for i in lectures.indices {
        let lecture = lectures[i].lecture, run = lectures[i].run
        report.diagnostics += run.diagnostics
        lectures[i].checks = verify(lecture, run)
        for check in lectures[i].checks {
            if check.passed { report.checksPassed += 1 } else {
                report.checksFailed += 1
                report.diagnostics.append(diagnostic(for: check))
            }
        }
        report.diagnostics += slideOverflowWarnings(lecture, run: run)
        report.cells += lecture.runCells.count
        for cell in lecture.cells {
            if let seconds = run.cells[cell.index]?.seconds { timings.append(("\(lecture.file):\(cell.fenceLine)", seconds)) }
        }
    }
    report.slowestCells = Array(timings.sorted { $0.seconds > $1.seconds }.prefix(3))
}

/// Step 4: the site's files, by path inside the site: the stylesheet, the index,
/// each lecture's page and, when it has checks, its ledger; then the slides.
private func renderSite(_ lectures: [LectureBuild], lecturesDirectory: String,
                        compiler: String) throws(Diagnostic) -> [(path: String, content: String)] {
    let layout = try SiteLayout(lecturesDirectory: lecturesDirectory)
    var files = layout.siteFiles(lectures, compiler: compiler)
    files += slidesFiles(lectures, courseTitle: layout.course.title)
    return files
}

/// Under `--strict`, every warning so far becomes an error (as Documenter's strict mode).
private func promoteWarnings(_ report: inout BuildReport) {
    for i in report.diagnostics.indices where report.diagnostics[i].severity == .warning {
        report.diagnostics[i].severity = .error
        report.diagnostics[i].message += " (an error under --strict)"
    }
}
