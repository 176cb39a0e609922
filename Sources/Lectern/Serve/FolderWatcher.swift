import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lecture files of a folder with their size and modification time, to tell
/// by polling when one was added, removed or changed.
struct FolderSnapshot: Equatable, Sendable {
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var modifiedNanoseconds: Int64
        var inode: UInt64
    }

    var files: [String: Stamp] = [:]
    var folderExists = false

    /// Reads the `*.md` files of `directory` (hidden files skipped, as the build does).
    init(of directory: String) {
        var isDirectory: ObjCBool = false
        folderExists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
        guard folderExists else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasSuffix(".md") && !name.hasPrefix(".") {
            var st = stat()
            guard stat(directory + "/" + name, &st) == 0 else { continue }
            #if canImport(Darwin)
            let mtime = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
            #else
            let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            #endif
            files[name] = Stamp(size: Int64(st.st_size), modifiedNanoseconds: mtime, inode: UInt64(st.st_ino))
        }
    }

    init() {}

    /// The names that differ between two snapshots, sorted: added, removed or changed.
    func changes(since old: FolderSnapshot) -> [String] {
        Set(files.keys).union(old.files.keys).filter { files[$0] != old.files[$0] }.sorted()
    }
}

/// Polls a folder on its own thread and calls `onChange` (on that thread) with the
/// changed file names whenever its lecture files change. The first call, with no
/// names, comes at once, for the first build.
final class FolderWatcher: Sendable {
    private let directory: String
    private let interval: Double
    private let onChange: @Sendable ([String]) -> Void
    private let state = Mutex((stopped: false, busy: false))
    private let finished = DispatchSemaphore(value: 0)

    init(directory: String, interval: Double, onChange: @escaping @Sendable ([String]) -> Void) {
        self.directory = directory
        self.interval = interval
        self.onChange = onChange
    }

    func start() {
        let thread = Thread { [self] in
            var last = FolderSnapshot(of: directory)
            call([])
            while !isStopped {
                Thread.sleep(forTimeInterval: interval)
                let now = FolderSnapshot(of: directory)
                let changed = now.changes(since: last)
                if !changed.isEmpty || now.folderExists != last.folderExists {
                    last = now
                    call(changed)
                }
            }
            finished.signal()
        }
        thread.name = "lectern-watch"
        thread.start()
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func call(_ changed: [String]) {
        guard state.withLock({ s -> Bool in
            if s.stopped { return false }
            s.busy = true
            return true
        }) else { return }
        onChange(changed)
        state.withLock { $0.busy = false }
    }

    /// Asks the thread to stop and waits for it. A build in progress finishes
    /// first (each lecture's program is bounded by the build's time limit), so
    /// no compiler or cell program is left running; `whileBusy` is called first
    /// when there is one.
    func stop(whileBusy: () -> Void) {
        let wasBusy = state.withLock { s -> Bool in
            s.stopped = true
            return s.busy
        }
        if wasBusy { whileBusy() }
        finished.wait()
    }
}
