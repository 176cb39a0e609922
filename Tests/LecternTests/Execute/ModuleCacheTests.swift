import Foundation
import Testing
@testable import Lectern

/// The compiler's module cache is shared by every build of a user, and never breaks a build.
@Suite struct ModuleCacheTests {
    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "lectern-module-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theUsersCacheFolderIsUsedAndMade() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(sharedModuleCache(["HOME": home]) == home + "/.cache/lectern/module-cache")
        #expect(FileManager.default.fileExists(atPath: home + "/.cache/lectern/module-cache"))
        #expect(sharedModuleCache(["HOME": home, "XDG_CACHE_HOME": home + "/xdg"]) == home + "/xdg/lectern/module-cache")
    }

    @Test func withoutAUsableFolderTheBuildsOwnCacheIsUsed() throws {
        #expect(sharedModuleCache([:]) == nil)
        #expect(sharedModuleCache(["HOME": "relative/home"]) == nil)
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // A file where the cache folder would go: the folder cannot be made.
        try Data("x".utf8).write(to: URL(fileURLWithPath: home + "/.cache"))
        #expect(sharedModuleCache(["HOME": home]) == nil)
    }
}
