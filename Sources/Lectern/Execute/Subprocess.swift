#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How a child process ended.
public enum Termination: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)
    case timedOut

    public var succeeded: Bool { self == .exited(0) }
}

/// Runs a program in its own process group with standard input from
/// /dev/null and standard output and error into files, and kills the whole
/// group when it runs past `timeout` seconds.
func runProcess(
    _ executable: String, _ arguments: [String],
    environment: [String: String],
    stdoutPath: String, stderrPath: String,
    timeout: Double
) throws(Diagnostic) -> Termination {
    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t?
    var attributes: posix_spawnattr_t?
    #else
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaultSignals = sigset_t()
    sigemptyset(&defaultSignals)
    for s in [SIGPIPE, SIGXFSZ, SIGINT, SIGTERM] { sigaddset(&defaultSignals, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([executable] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var environment = environment
    environment["LECTERN_PARENT_PID"] = String(getpid())  // the runtime dies with this process (ParentDeath.swift)
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
    defer { envp.forEach { free($0) } }

    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
    guard rc == 0 else {
        throw Diagnostic(file: executable, "cannot run: \(String(cString: strerror(rc)))")
    }
    registerChild(pid)
    defer { unregisterChild(pid) }

    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    var pause: useconds_t = 500
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r < 0 && errno != EINTR { return .exited(-1) }
        if Date() >= deadline {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return .timedOut
        }
        usleep(pause)
        pause = min(pause * 2, 5_000)
    }
    // Children an allow-error cell left behind die with the group.
    kill(-pid, SIGKILL)
    let low = status & 0x7f
    if low == 0 { return .exited((status >> 8) & 0xff) }
    return .signalled(low)
}

/// A readable name for a signal that ends a cell.
func signalName(_ sig: Int32) -> String {
    switch sig {
    case SIGILL: return "SIGILL"
    case SIGTRAP: return "SIGTRAP"
    case SIGABRT: return "SIGABRT"
    case SIGSEGV: return "SIGSEGV"
    case SIGBUS: return "SIGBUS"
    case SIGFPE: return "SIGFPE"
    case SIGKILL: return "SIGKILL"
    case SIGXFSZ: return "SIGXFSZ"
    case SIGXCPU: return "SIGXCPU"
    case SIGTERM: return "SIGTERM"
    default: return "signal \(sig)"
    }
}
