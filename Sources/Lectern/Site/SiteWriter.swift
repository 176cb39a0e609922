import Foundation

/// Refuses an output folder that would overwrite the lectures or the repository.
func checkOutputLocation(_ output: String, lectures: String) -> Diagnostic? {
    let fm = FileManager.default
    let out = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
    let lec = URL(fileURLWithPath: lectures).standardizedFileURL.resolvingSymlinksInPath().path
    if out == lec || lec.hasPrefix(out + "/") || out == "/" {
        return Diagnostic(file: output, "refusing to write the site into \(output): it is or contains the lectures folder")
    }
    for marker in [".git", "Package.swift"] where fm.fileExists(atPath: out + "/" + marker) {
        return Diagnostic(file: output, "refusing to write the site into \(output): it looks like a repository root (has \(marker))")
    }
    return outputReplacementProblem(output)
}

/// Step 5 of a build: writes the site's files (paths inside the site) into a
/// temporary folder beside `output`, then swaps it in whole.
/// `linked` are local files the lectures link to or embed, copied byte for byte at their paths.
func writeSite(_ files: [(path: String, content: String)], linked: [LinkedFile] = [], to output: String) throws(Diagnostic) {
    let fm = FileManager.default
    let (parent, base) = splitPath(normalize(output))
    let staging = parent + ".\(base).partial-\(getpid())"
    let assets = try siteAssets()
    try? fm.removeItem(atPath: staging)
    do {
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try writeUTF8(siteMarkerText, toFile: staging + "/" + siteMarkerName)
        for (path, content) in files {
            try writeUTF8(content, toFile: staging + "/" + path)
        }
        for asset in assets {
            try fm.createDirectory(atPath: staging + "/" + splitPath(asset.path).folder, withIntermediateDirectories: true)
            try Data(asset.bytes).write(to: URL(fileURLWithPath: staging + "/" + asset.path))
        }
        for file in linked {
            let target = staging + "/" + file.path
            try fm.createDirectory(atPath: splitPath(target).folder, withIntermediateDirectories: true)
            try fm.copyItem(atPath: file.source, toPath: target)
        }
    } catch {
        try? fm.removeItem(atPath: staging)
        throw Diagnostic(file: output, "cannot write the site: \(error.localizedDescription)")
    }
    do {
        // The output was checked before the build; check again: it may have changed since.
        if let problem = outputReplacementProblem(output) { throw problem }
        try swapInSite(staging, at: output, aside: parent + ".\(base).old-\(getpid())")
    } catch {
        try? fm.removeItem(atPath: staging)
        if let problem = error as? Diagnostic { throw problem }
        throw Diagnostic(file: output, "cannot replace the site: \(error.localizedDescription)")
    }
}

/// Writes the UTF-8 of `content` to `path` (created or emptied), straight from the string's storage.
///
/// ```swift
/// try writeUTF8("<p>hi</p>", toFile: "site/page.html")
/// ```
/// - Parameters:
///   - content: the text to write.
///   - path: the file to write.
/// - Throws: `POSIXError` when the file cannot be opened or written.
func writeUTF8(_ content: String, toFile path: String) throws {
    var content = content
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    try content.withUTF8 { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }
}

func normalize(_ path: String) -> String {
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
