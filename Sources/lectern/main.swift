import ArgumentParser
import Foundation
import Lectern

/// Options shared by `build` and `check`.
struct CommonOptions: ParsableArguments {
    @Option(help: "The folder of lecture files (*.md).")
    var lectures = "lectures"

    @Option(help: "Folder holding libLecternRuntime.so and the engine modules (default: next to this binary).")
    var enginePath: String?

    @Option(help: "Where compiled programs and results are cached.")
    var cacheDir = ".lectern-cache"

    @Flag(help: "Compile and run every lecture afresh, ignoring the cache.")
    var noCache = false

    @Option(help: "Time limit for one lecture's program, in seconds.")
    var timeout: Double = 120

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
        return o
    }

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
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
        let report = buildSite(options) { print($0) }
        finish(report, quiet: common.quiet, start: start, wrote: output)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every lecture and its checks without writing the site.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = common.buildOptions()
        options.writeSite = false
        let report = buildSite(options) { print($0) }
        finish(report, quiet: common.quiet, start: nil, wrote: nil)
    }
}

/// Prints the diagnostics and a summary, then exits with the report's status.
func finish(_ report: BuildReport, quiet: Bool, start: Date?, wrote output: String?) -> Never {
    for d in report.diagnostics {
        FileHandle.standardError.write(Data((d.description + "\n").utf8))
    }
    if !quiet, report.exitCode == 0 || report.exitCode == 1 {
        var line = "\(report.lectures) lecture(s), \(report.cells) cell(s)"
        if let start { line += String(format: " in %.2f s", Date().timeIntervalSince(start)) }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        line += errors == 0 ? ", no errors" : ", \(errors) error(s)"
        if let output, report.exitCode == 0 { line += "; site written to \(output)/" }
        print(line)
    }
    exit(report.exitCode)
}

struct LecternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Numerically verified lecture notes: Markdown with Swift cells, built into a static course site.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Init.self])
}

// Exit codes: 0 success, 1 the lectures have errors, 2 bad invocation.
do {
    var command = try LecternCommand.parseAsRoot()
    try command.run()
} catch {
    let code = LecternCommand.exitCode(for: error)
    if code == .success {
        LecternCommand.exit(withError: error)
    }
    FileHandle.standardError.write(Data((LecternCommand.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
