#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

// A lecture program never outlives the Lectern that started it. The pipeline
// names its own pid in LECTERN_PARENT_PID; Linux sends the program SIGTERM when
// that parent dies, even by SIGKILL (PR_SET_PDEATHSIG). A watcher thread then
// kills every process that carries the same LECTERN_PARENT_PID in its
// environment (what the cells started, even in other process groups or
// sessions) and the program's own process group, the program included.

nonisolated(unsafe) private var parentDeathPipe: (read: Int32, write: Int32) = (-1, -1)
nonisolated(unsafe) private var parentMarker: [UInt8] = []

/// Arms the parent-death signal; ends the program at once when its parent is already gone.
func dieWithParent() {
    #if os(Linux)
    guard let value = getenv("LECTERN_PARENT_PID"), let expected = Int32(String(cString: value)) else { return }
    parentMarker = Array("LECTERN_PARENT_PID=\(expected)".utf8)
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    parentDeathPipe = (fds[0], fds[1])
    var thread = pthread_t()
    _ = pthread_create(&thread, nil, { _ in
        var byte: UInt8 = 0
        while read(parentDeathPipe.read, &byte, 1) < 0 && errno == EINTR {}
        killProcesses(carrying: parentMarker)
        kill(0, SIGKILL)
        return nil
    }, nil)
    signal(SIGTERM) { _ in
        var byte: UInt8 = 1
        _ = write(parentDeathPipe.write, &byte, 1)  // async-signal-safe; the thread does the rest
    }
    // prctl is variadic in C, so Swift cannot call it directly: call it through its address.
    typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
        let prSetPdeathsig: Int32 = 1
        _ = unsafeBitCast(symbol, to: Prctl.self)(prSetPdeathsig, UInt(SIGTERM), 0, 0, 0)
    }
    // The parent may have died before the signal was armed.
    if getppid() != expected { raise(SIGTERM) }
    #endif
}

#if os(Linux)
/// SIGKILLs every other process whose environment holds `marker` as one entry.
private func killProcesses(carrying marker: [UInt8]) {
    guard let proc = opendir("/proc") else { return }
    defer { closedir(proc) }
    let me = getpid()
    while let entry = readdir(proc) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = Int32(name), pid != me else { continue }
        let fd = open("/proc/\(name)/environ", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { continue }
        var environment: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            environment += buffer[..<n]
        }
        close(fd)
        if environment.split(separator: 0).contains(where: { $0.elementsEqual(marker) }) { kill(pid, SIGKILL) }
    }
}
#endif
