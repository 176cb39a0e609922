import Foundation

/// The runtime modules (`Notebook`, `PolicyGradient`) that lecture programs
/// are compiled against, and the toolchain that compiles them.
public struct Engine: Sendable {
    /// Holds the runtime library, ``libraryName``.
    public var libraryDirectory: String
    /// Holds `Notebook.swiftmodule` and `PolicyGradient.swiftmodule`.
    public var moduleDirectory: String
    /// A hash of the runtime's library and module files: any change to the engine changes it.
    public var fingerprint: String
    /// The `swiftc` to call, and its version line.
    public var swiftc: String
    public var compilerVersion: String

    /// The runtime library's file name on this platform.
    #if canImport(Darwin)
    public static let libraryName = "libLecternRuntime.dylib"
    #else
    public static let libraryName = "libLecternRuntime.so"
    #endif

    /// No engine: for builds whose lectures run no code.
    static let none = Engine(libraryDirectory: "", moduleDirectory: "", fingerprint: "", swiftc: "", compilerVersion: "")

    /// Finds the runtime next to the running `lectern` binary, or in `explicit`.
    /// `cacheDirectory`, when given, remembers the compiler's version line for
    /// each compiler binary (by path, size and modification time).
    public static func locate(explicit: String?, cacheDirectory: String? = nil) throws(Diagnostic) -> Engine {
        let directory: String
        if let explicit {
            directory = explicit
        } else {
            directory = splitPath(runningExecutablePath() ?? CommandLine.arguments[0]).folder
        }
        let fm = FileManager.default
        let library = directory + "/" + libraryName
        guard fm.fileExists(atPath: library) else {
            throw Diagnostic(file: directory, "engine library \(libraryName) not found; build it with `swift build` (product LecternRuntime) or pass --engine-path")
        }
        let modules = fm.fileExists(atPath: directory + "/Modules/Notebook.swiftmodule") ? directory + "/Modules" : directory
        for module in ["Notebook", "PolicyGradient"] where !fm.fileExists(atPath: "\(modules)/\(module).swiftmodule") {
            throw Diagnostic(file: modules, "engine module \(module).swiftmodule not found; build it with `swift build` (product LecternRuntime) or pass --engine-path")
        }
        var hasher = SHA256()
        for path in [library, "\(modules)/Notebook.swiftmodule", "\(modules)/PolicyGradient.swiftmodule"] {
            guard let data = fm.contents(atPath: path) else {
                throw Diagnostic(file: path, "cannot read engine file")
            }
            hasher.update(path.split(separator: "/").last.map(String.init) ?? path)
            hasher.update(data)
        }
        let swiftc = try findSwiftc()
        return Engine(libraryDirectory: directory, moduleDirectory: modules, fingerprint: hasher.finalize(),
                      swiftc: swiftc, compilerVersion: try cachedCompilerVersion(swiftc, cacheDirectory: cacheDirectory))
    }

    /// The compiler flags every lecture program is built with. Part of the cache key.
    /// `-g`: the runtime's backtracer reads the line of each frame from the debug information.
    public var compileFlags: [String] {
        ["-swift-version", "5", "-Onone", "-g", "-suppress-warnings", "-diagnostic-style", "llvm",
         "-I", moduleDirectory, "-L", libraryDirectory, "-lLecternRuntime",
         "-Xlinker", "-rpath", "-Xlinker", libraryDirectory]
    }
}

/// The absolute path of the running binary, symbolic links resolved.
private func runningExecutablePath() -> String? {
    #if canImport(Darwin)
    var size: UInt32 = 0
    _ = _NSGetExecutablePath(nil, &size)
    var buffer = [CChar](repeating: 0, count: Int(size) + 1)
    guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
    return URL(fileURLWithPath: String(cString: buffer)).resolvingSymlinksInPath().path
    #else
    return try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    #endif
}

private func findSwiftc() throws(Diagnostic) -> String {
    if let override = ProcessInfo.processInfo.environment["LECTERN_SWIFTC"] { return override }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/swiftc"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw Diagnostic(file: "swiftc", "the Swift compiler `swiftc` was not found on PATH; install a Swift toolchain or set LECTERN_SWIFTC")
}

/// The compiler's version line, from the cache when this very binary was asked before.
private func cachedCompilerVersion(_ swiftc: String, cacheDirectory: String?) throws(Diagnostic) -> String {
    guard let cacheDirectory else { return try readCompilerVersion(swiftc) }
    let real = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
          let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
    else { return try readCompilerVersion(swiftc) }
    let identity = "\(swiftc)\u{0}\(real)\u{0}\(size)\u{0}\(modified.timeIntervalSince1970)"
    let file = cacheDirectory + "/toolchains/" + sha256Hex(Array(identity.utf8))
    if let saved = try? String(contentsOfFile: file, encoding: .utf8), !saved.isEmpty { return saved }
    let version = try readCompilerVersion(swiftc)
    try? FileManager.default.createDirectory(atPath: cacheDirectory + "/toolchains", withIntermediateDirectories: true)
    try? version.write(toFile: file, atomically: true, encoding: .utf8)
    return version
}

private func readCompilerVersion(_ swiftc: String) throws(Diagnostic) -> String {
    let dir = NSTemporaryDirectory() + "lectern-\(getpid())-version"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/out", err = dir + "/err"
    let status = try runProcess(swiftc, ["--version"], environment: ProcessInfo.processInfo.environment,
                                stdoutPath: out, stderrPath: err, timeout: 60)
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    guard status.succeeded, let first = text.split(separator: "\n").first else {
        throw Diagnostic(file: swiftc, "`swiftc --version` failed")
    }
    return String(first)
}
