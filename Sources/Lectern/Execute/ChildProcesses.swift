#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Synchronization

// The process groups of the programs Lectern is running, so that a signal to
// Lectern (Ctrl-C, SIGTERM) ends them too: each runs in a group of its own,
// which the terminal's Ctrl-C does not reach. Every program also carries
// LECTERN_PARENT_PID=<this pid> in its environment, and so do the processes its
// cells start, even in groups or sessions of their own: those are found by it.

private let runningGroups = Mutex<Set<pid_t>>([])

/// Records a child (the leader of its own process group) while it runs.
func registerChild(_ pid: pid_t) { runningGroups.withLock { _ = $0.insert(pid) } }

/// Forgets a child once it has been reaped.
func unregisterChild(_ pid: pid_t) { runningGroups.withLock { _ = $0.remove(pid) } }

/// Kills every running child's process group, and every process that carries
/// this Lectern's LECTERN_PARENT_PID, with SIGKILL. Called when Lectern is asked to stop.
public func stopChildProcesses() {
    for pid in runningGroups.withLock({ $0 }) { kill(-pid, SIGKILL) }
    #if os(Linux)
    let marker = Array("LECTERN_PARENT_PID=\(getpid())".utf8)
    let me = getpid()
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = Int32(name), pid != me,
              let environment = FileManager.default.contents(atPath: "/proc/\(name)/environ") else { continue }
        if environment.split(separator: 0).contains(where: { $0.elementsEqual(marker) }) { kill(pid, SIGKILL) }
    }
    #endif
}
