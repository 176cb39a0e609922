import ArgumentParser
import Foundation
import Lectern

/// Options shared by `build` and `check`.
struct CommonOptions: ParsableArguments {
    @Option(help: "The folder of lecture files (*.md).")
    var lectures = "lectures"

    @Option(help: "Folder holding the LecternRuntime library and the engine modules (default: next to this binary).")
    var enginePath: String?

    @Option(help: "Where compiled programs and results are cached.")
    var cacheDir = ".lectern-cache"

    @Flag(help: "Compile and run every lecture afresh, ignoring the cache.")
    var noCache = false

    @Option(help: "Time limit for one lecture's program, in seconds (default: the lecture's front matter, else 120).")
    var timeout: Double?

    @Option(help: "Seed every lecture starts from (overrides front matter).")
    var seed: UInt64?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more detail.")
    var verbose = false

    func buildOptions() -> BuildOptions {
        var o = BuildOptions()
        o.lecturesDirectory = lectures
        o.enginePath = enginePath
        o.cacheDirectory = cacheDir
        o.useCache = !noCache
        o.timeout = timeout
        o.seed = seed
        o.quiet = quiet
        o.verbose = verbose
        o.strict = strict
        return o
    }

    @Flag(help: "Treat every warning (an unclosed $$, ...) as an error.")
    var strict = false

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= Double(maximumTimeoutSeconds)) {
            throw ValidationError("--timeout \(timeout) is out of range: give seconds above 0 and at most \(maximumTimeoutSeconds)")
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the course site from the lectures folder.")

    @OptionGroup var common: CommonOptions

    @Option(help: "The folder the site is written to.")
    var output = "output"

    @Flag(help: "Write the pages even when cells fail, each error shown under its cell.")
    var keepGoing = false

    func run() throws {
        var options = common.buildOptions()
        options.outputDirectory = output
        options.keepGoing = keepGoing
        let start = Date()
        let signals = stopOnSignals()
        let report = buildSite(options) { print($0) }
        withExtendedLifetime(signals) {}
        finish(report, quiet: common.quiet, start: start, wrote: output)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every lecture and its checks without writing the site.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Also rerun every lecture with N more seeds and report how often each check (plain, estimate, ```output) fails.")
    var seeds = 0

    func validate() throws {
        guard (0...1_000).contains(seeds) else {
            throw ValidationError("--seeds \(seeds) is out of range: give 0 to 1000 more seeds")
        }
    }

    func run() throws {
        var options = common.buildOptions()
        options.writeSite = false
        options.seeds = seeds
        let signals = stopOnSignals()
        let report = buildSite(options) { print($0) }
        withExtendedLifetime(signals) {}
        finish(report, quiet: common.quiet, start: nil, wrote: nil)
    }
}

/// Prints the diagnostics and a summary, then exits with the report's status.
/// The last line is always `N passed, M failed` over all checks.
func finish(_ report: BuildReport, quiet: Bool, start: Date?, wrote output: String?) -> Never {
    exitLock.withLock { _ in summarize(report, quiet: quiet, start: start, wrote: output) }
}

private func summarize(_ report: BuildReport, quiet: Bool, start: Date?, wrote output: String?) -> Never {
    for d in report.diagnostics {
        FileHandle.standardError.write(Data((d.description + "\n").utf8))
    }
    if report.exitCode == 0 || report.exitCode == 1 {
        if !quiet {
            var line = "\(report.lectures) lecture(s), \(report.cells) cell(s)"
            if let start { line += String(format: " in %.2f s", Date().timeIntervalSince(start)) }
            let errors = report.diagnostics.filter { $0.severity == .error }.count
            line += errors == 0 ? ", no errors" : ", \(errors) error(s)"
            if let output, report.exitCode == 0 { line += "; site written to \(output)/" }
            print(line)
            if !report.slowestCells.isEmpty {
                print("slowest cells: " + report.slowestCells.map { String(format: "%@ %.2f s", $0.location, $0.seconds) }.joined(separator: ", "))
            }
        }
        if !report.seedFailures.isEmpty {
            print("checks over \(report.seedFailures.first?.runs ?? 0) more seeds:")
            for row in report.seedFailures {
                print("  \(row.check): failed \(row.failed) of \(row.runs)")
            }
        }
        print("\(report.checksPassed) passed, \(report.checksFailed) failed")
    }
    exit(report.exitCode)
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete the cache of compiled programs and results.")

    @Option(help: "The cache folder to delete.")
    var cacheDir = ".lectern-cache"

    func run() throws {
        do {
            print(try removeCache(at: cacheDir))
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(error.message.hasPrefix("refusing") ? 2 : 1)
        }
    }
}

struct LecternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Numerically verified lecture notes: Markdown with Swift cells, built into a static course site.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Init.self, Clean.self])
}

// A write past a file size limit fails with EFBIG, which Lectern reports,
// instead of killing it (cell programs get the default action back).
signal(SIGXFSZ, SIG_IGN)

/// Runs an async command (`serve`): in an async function, `run()` is its async one.
func runAsync(_ command: any AsyncParsableCommand) async throws {
    var command = command
    try await command.run()
}

// Exit codes: 0 success, 1 the lectures have errors, 2 bad invocation.
do {
    var command = try LecternCommand.parseAsRoot()
    if let command = command as? AsyncParsableCommand {
        try await runAsync(command)
    } else {
        try command.run()
    }
} catch {
    let code = LecternCommand.exitCode(for: error)
    if code == .success {
        LecternCommand.exit(withError: error)
    }
    FileHandle.standardError.write(Data((LecternCommand.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
