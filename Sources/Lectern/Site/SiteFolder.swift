import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// Lectern deletes or replaces only folders it made: a site carries a marker file,
// a cache carries a CACHEDIR.TAG, and anything else is refused.

/// The file every site Lectern writes holds; only a folder with it is replaced.
let siteMarkerName = ".lectern-site"
let siteMarkerText = "This folder is a site built by lectern; the next build replaces it whole.\n"

/// The cache tag (bford.info/cachedir): backup tools skip the folder, and `lectern clean` removes only a folder with it.
let cacheTagName = "CACHEDIR.TAG"
let cacheTagText = """
    Signature: 8a477f597d28d172789f06886806bc55
    # This folder is the cache of lectern (compiled lecture programs and their results).
    # lectern clean deletes it; a build makes it again.

    """

/// Why `output` may not be replaced by a site, or nil when it may: it does not
/// exist, is an empty folder, or is a site Lectern built (it has the marker).
func outputReplacementProblem(_ output: String) -> Diagnostic? {
    var st = stat()
    guard lstat(output, &st) == 0 else { return nil }
    let what = "refusing to write the site to \(output)"
    guard (st.st_mode & S_IFMT) == S_IFDIR else {
        return Diagnostic(file: output, "\(what): it is a file, not a folder Lectern built; choose another --output")
    }
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: output) else {
        return Diagnostic(file: output, "\(what): the folder cannot be read; choose another --output")
    }
    if entries.isEmpty || entries.contains(siteMarkerName) { return nil }
    return Diagnostic(file: output, "\(what): the folder holds files and is not a site Lectern built (it has no \(siteMarkerName)); "
                      + "choose another --output, or empty the folder yourself (if an older Lectern built it, delete it)")
}

/// Whether `path` is a folder Lectern's cache: it has the cache tag, or (made by an
/// older Lectern) holds only entries a cache holds.
func isLecternCache(_ path: String) -> Bool {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
    if let tag = FileManager.default.contents(atPath: path + "/" + cacheTagName) {
        return String(decoding: tag, as: UTF8.self).hasPrefix("Signature: 8a477f597d28d172789f06886806bc55")
            && String(decoding: tag, as: UTF8.self).contains("lectern")
    }
    let known: Set<String> = ["locks", "toolchains", "preview", "module-cache"]
    return !entries.isEmpty && entries.allSatisfy { name in
        known.contains(name) || (name.count >= 16 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    }
}

/// Makes `path` Lectern's cache folder (created, tagged), or says why it cannot be:
/// an existing folder with other files is never taken over.
func prepareCacheFolder(_ path: String) -> Diagnostic? {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        let empty = (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty ?? false
        guard isDirectory.boolValue, empty || isLecternCache(path) else {
            return Diagnostic(file: path, "refusing to use \(path) as the cache: it \(isDirectory.boolValue ? "holds files and is not a Lectern cache (it has no \(cacheTagName))" : "is a file"); choose another --cache-dir")
        }
    } else {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            return Diagnostic(file: path, "cannot make the cache folder: \(error.localizedDescription)")
        }
    }
    if !FileManager.default.fileExists(atPath: path + "/" + cacheTagName) {
        // A cache an older Lectern made: its preview has no site marker, so it goes (the preview rebuilds it).
        try? FileManager.default.removeItem(atPath: path + "/preview")
        try? writeUTF8(cacheTagText, toFile: path + "/" + cacheTagName)
    }
    return nil
}

/// Puts the folder `staging` at `output`, atomically: on Linux the two are exchanged
/// in one step (`renameat2` with `RENAME_EXCHANGE`), so no instant is without `output`;
/// elsewhere, or where the file system cannot, the old site is moved aside first.
/// The old site ends at `staging` (exchange) or `aside`, and is deleted.
func swapInSite(_ staging: String, at output: String, aside: String) throws {
    let fm = FileManager.default
    if !fm.fileExists(atPath: output) {
        try fm.moveItem(atPath: staging, toPath: output)
        return
    }
    if exchangePaths(staging, output) {
        try? fm.removeItem(atPath: staging)
        return
    }
    try fm.moveItem(atPath: output, toPath: aside)
    do {
        try fm.moveItem(atPath: staging, toPath: output)
    } catch {
        try? fm.moveItem(atPath: aside, toPath: output)
        throw error
    }
    try? fm.removeItem(atPath: aside)
}

/// Exchanges two paths in one step; false where the system or file system cannot.
func exchangePaths(_ a: String, _ b: String) -> Bool {
    #if os(Linux)
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    // glibc has had renameat2 since 2.28; look it up rather than rely on the headers declaring it.
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
    let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
    let renameExchange: UInt32 = 1 << 1
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    #else
    return false
    #endif
}

/// Deletes what builds into `output` that were killed left beside it:
/// `.NAME.partial-PID` and `.NAME.old-PID` folders whose process is gone. When
/// `output` itself is missing (a build killed between two renames), the old site is put back first.
func sweepLeftovers(of output: String, log: (String) -> Void) {
    let fm = FileManager.default
    let (parent, base) = splitPath(normalize(output))
    let folder = parent.isEmpty ? "." : parent
    guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
    for name in names.sorted() {
        for kind in ["partial", "old"] {
            let prefix = ".\(base).\(kind)-"
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid > 0,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = parent + name
            let empty = (try? fm.contentsOfDirectory(atPath: path))?.isEmpty ?? false
            guard empty || fm.fileExists(atPath: path + "/" + siteMarkerName) else { continue }
            if kind == "old", !fm.fileExists(atPath: output), (try? fm.moveItem(atPath: path, toPath: output)) != nil {
                log("put back the site a killed build left in \(path)")
                continue
            }
            try? fm.removeItem(atPath: path)
        }
    }
}

/// What `lectern clean` does: deletes the folder `path` when it is Lectern's cache.
/// - Returns: the line to print.
/// - Throws: a ``Diagnostic`` when `path` is not a Lectern cache (nothing is deleted) or cannot be deleted.
public func removeCache(at path: String) throws(Diagnostic) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        return "nothing to clean: \(path)/ does not exist"
    }
    guard isDirectory.boolValue, isLecternCache(path) else {
        throw Diagnostic(file: path, "refusing to delete \(path): it is not a Lectern cache (it has no \(cacheTagName)); name the cache folder with --cache-dir")
    }
    do {
        try FileManager.default.removeItem(atPath: path)
    } catch {
        throw Diagnostic(file: path, "cannot remove: \(error.localizedDescription)")
    }
    return "removed \(path)/"
}
