import Foundation
import Synchronization

/// What `lectern serve` is asked to do.
public struct PreviewOptions: Sendable {
    /// How the site is built; the output folder and `keepGoing` are set by the preview.
    public var build = BuildOptions()
    /// The loopback port; 0 takes a free one (the URL printed names it).
    public var port: UInt16 = 8000
    /// How often the lectures folder is checked for changes, in seconds.
    public var pollInterval = 0.3
    /// How long a page's request for the next build is held open, in seconds.
    public var longPollSeconds = 20.0

    /// The folder the preview is built into: `preview` inside the cache folder,
    /// never the published site.
    public var previewDirectory: String { build.cacheDirectory + "/preview" }

    public init() {}
}

/// The authoring preview: builds the lectures into a preview folder, serves it on
/// 127.0.0.1, rebuilds when a lecture changes, and makes open pages reload.
///
///     let server = PreviewServer(options, log: { print($0) }, errorLog: { eprint($0) })
///     try await server.run { port in print("Serving http://127.0.0.1:\(port)/") }
///     // elsewhere, on SIGINT: server.stop()
public final class PreviewServer: Sendable {
    private let options: PreviewOptions
    private let log: @Sendable (String) -> Void
    private let errorLog: @Sendable (String) -> Void
    private let state = PreviewState()
    private let stopSignal = StopSignal()

    /// - Parameters:
    ///   - options: the port, the lectures folder and the build settings.
    ///   - log: progress lines (builds, timings).
    ///   - errorLog: the diagnostics of each build.
    public init(_ options: PreviewOptions, log: @escaping @Sendable (String) -> Void,
                errorLog: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        self.errorLog = errorLog
    }

    /// Listens, builds, watches and serves until ``stop()`` is called.
    /// - Parameter onListening: called once with the port, before the first build.
    /// - Throws: a ``Diagnostic`` when the port cannot be bound.
    public func run(onListening: @Sendable (UInt16) -> Void) async throws(Diagnostic) {
        let server = try HTTPServer(port: options.port) { [self] request in
            let response = respond(to: request)
            if options.build.verbose { log("\(request.method) \(request.target) \(response.status)") }
            return response
        }
        let accepting = Thread { server.run() }
        accepting.name = "lectern-serve"
        accepting.start()
        onListening(server.port)

        let watcher = FolderWatcher(directory: options.build.lecturesDirectory, interval: options.pollInterval) {
            [self] changed in rebuild(changed: changed)
        }
        watcher.start()
        await stopSignal.wait()

        state.close()
        server.stop()
        watcher.stop { log("stopping: waiting for the build in progress to finish (signal again to stop at once)") }
    }

    /// Stops ``run(onListening:)``: open pages are answered, the server closes.
    public func stop() { stopSignal.fire() }

    /// Builds into the preview folder, keeping going past errors, and publishes the result.
    private func rebuild(changed: [String]) {
        let start = Date()
        if !changed.isEmpty { log("changed: \(changed.joined(separator: ", "))") }
        var build = options.build
        build.outputDirectory = options.previewDirectory
        build.keepGoing = true
        build.writeSite = true
        let before = folderIdentity(options.previewDirectory)
        let report = buildSite(build, log: log)
        let after = folderIdentity(options.previewDirectory)
        // A build that wrote nothing leaves the previous pages; they are stale, so not shown.
        let siteWritten = after != nil && after != before
        for d in report.diagnostics { errorLog(d.description) }
        let generation = state.publish(diagnostics: report.diagnostics, siteWritten: siteWritten)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        log(String(format: "build %d: %d lecture(s) in %.2f s, %@", generation, report.lectures,
                   Date().timeIntervalSince(start), errors == 0 ? "no errors" : "\(errors) error(s)"))
    }

    /// Answers one request (GET or HEAD, from the loopback, already checked): the long poll, or a file of the preview.
    func respond(to request: HTTPServerRequest) -> HTTPServerResponse {
        if request.path == previewEventsPath {
            let since = request.query("since").flatMap(Int.init) ?? -1
            let status = state.waitForBuild(after: since, timeout: options.longPollSeconds)
            let body = "{\"generation\":\(status.generation),\"errors\":\(status.errorCount)}"
            return response(200, type: "application/json", Array(body.utf8))
        }
        let status = state.current
        guard let file = previewFile(for: request.path, in: options.previewDirectory) else {
            return response(404, type: "text/plain; charset=utf-8", Array("not found\n".utf8))
        }
        let wantsPage = file.hasSuffix(".html")
        if wantsPage && !status.siteWritten {
            let message = status.generation == 0 ? "Building the lectures; this page reloads when the build is done."
                                                 : "The last build wrote no pages; fix the errors above and this page reloads."
            let page = previewPlaceholder(title: "Lectern preview", message: message,
                                          generation: status.generation, diagnostics: status.diagnostics)
            return response(200, type: contentType(for: file), Array(page.utf8))
        }
        // The preview folder is swapped whole at the end of a build: a miss may be that instant.
        var data = readInside(options.previewDirectory, file)
        if data == nil {
            Thread.sleep(forTimeInterval: 0.1)
            data = readInside(options.previewDirectory, file)
        }
        guard let data else {
            guard wantsPage else {
                return response(404, type: "text/plain; charset=utf-8", Array("not found\n".utf8))
            }
            let page = previewPlaceholder(title: "Page not found", message: "The site has no page \(request.path).",
                                          generation: status.generation, diagnostics: status.diagnostics)
            return response(404, type: contentType(for: file), Array(page.utf8))
        }
        guard wantsPage else { return response(200, type: contentType(for: file), data) }
        let page = injectPreview(into: String(decoding: data, as: UTF8.self),
                                 generation: status.generation, diagnostics: status.diagnostics)
        return response(200, type: contentType(for: file), Array(page.utf8))
    }

    private func response(_ code: Int, type: String, _ body: [UInt8]) -> HTTPServerResponse {
        HTTPServerResponse(status: code, contentType: type, body: body)
    }
}

/// The bytes of `file` when it is a regular file inside `root` once every symbolic
/// link is resolved; nil otherwise (missing, a folder, or a link out of the preview).
func readInside(_ root: String, _ file: String) -> [UInt8]? {
    guard let realRoot = realpath(root, nil) else { return nil }
    defer { free(realRoot) }
    guard let realFile = realpath(file, nil) else { return nil }
    defer { free(realFile) }
    let rootPath = String(cString: realRoot), filePath = String(cString: realFile)
    guard filePath.hasPrefix(rootPath + "/") else { return nil }
    var st = stat()
    guard stat(filePath, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    return FileManager.default.contents(atPath: filePath).map { [UInt8]($0) }
}

/// The identity of a folder (device and inode): it changes when the build swaps a new one in.
private func folderIdentity(_ path: String) -> [UInt64]? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return [UInt64(st.st_dev), UInt64(st.st_ino)]
}

/// A one-shot signal that ``PreviewServer/run(onListening:)`` waits on.
private final class StopSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.fired { return true }
                s.waiter = c
                return false
            }
            if now { c.resume() }
        }
    }

    func fire() {
        let w = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.fired = true
            defer { s.waiter = nil }
            return s.waiter
        }
        w?.resume()
    }
}
