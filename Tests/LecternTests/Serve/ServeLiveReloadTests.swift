import Foundation
import Testing
@testable import Lectern

@Suite struct ServeLiveReloadTests {
    let page = """
        <!doctype html>
        <html lang="en">
        <head><title>T</title></head>
        <body>
        <main><p>text</p></main>
        </body>
        </html>

        """

    @Test func scriptGoesBeforeTheClosingBodyAndNamesTheGeneration() {
        let out = injectPreview(into: page, generation: 7, diagnostics: [])
        let script = try? #require(out.range(of: "<script data-lectern-preview>"))
        let close = try? #require(out.range(of: "</body>"))
        if let script, let close { #expect(script.upperBound < close.lowerBound) }
        #expect(out.contains("var seen = 7;"))
        #expect(out.contains("fetch(\"/_lectern/events?since=\" + seen"))
        // Nothing else of the page changes, and no banner without errors.
        #expect(out.replacingOccurrences(of: reloadScript(generation: 7), with: "") == page)
        #expect(!out.contains("lectern-preview-errors"))
    }

    @Test func bannerFollowsBodyAndEscapesMessages() {
        let d = Diagnostic(file: "lectures/01-a.md", line: 12, column: 3, "bad <b>thing</b> & more")
        let note = Diagnostic(file: "output", severity: .note, "a note is not shown")
        let out = injectPreview(into: page.replacingOccurrences(of: "<body>", with: "<body class=\"x\">"),
                                generation: 2, diagnostics: [d, note])
        #expect(out.contains("<body class=\"x\">\n<div id=\"lectern-preview-errors\""))
        #expect(out.contains("Lectern preview: 1 error in the last build"))
        #expect(out.contains("<a href=\"/01-a.html\" style=\"color:inherit\">lectures/01-a.md:12:3: error: bad &lt;b&gt;thing&lt;/b&gt; &amp; more</a>"))
        #expect(!out.contains("<b>thing"))
        #expect(!out.contains("a note is not shown"))
    }

    @Test func warningsAloneGetTheirOwnBannerAndAreCountedBesideErrors() {
        let w = Diagnostic(file: "lectures/01-a.md", line: 4, column: 1, severity: .warning, "slide 2 is too tall")
        let onlyWarning = injectPreview(into: page, generation: 1, diagnostics: [w])
        #expect(onlyWarning.contains("<div id=\"lectern-preview-warnings\" role=\"status\""))
        #expect(onlyWarning.contains("Lectern preview: 1 warning in the last build"))
        #expect(!onlyWarning.contains("lectern-preview-errors"))
        let e = Diagnostic(file: "lectures/01-a.md", line: 9, column: 2, "cannot find 'x' in scope")
        let both = injectPreview(into: page, generation: 1, diagnostics: [e, w, w])
        #expect(both.contains("<div id=\"lectern-preview-errors\" role=\"alert\""))
        #expect(both.contains("Lectern preview: 1 error, 2 warnings in the last build"))
    }

    @Test func pageWithoutBodyStillGetsScriptAndBanner() {
        let out = injectPreview(into: "<p>bare</p>", generation: 1,
                                diagnostics: [Diagnostic(file: "drafts", "lectures folder <not> found")])
        #expect(out.contains(">drafts: error: lectures folder &lt;not&gt; found</pre>"))
        #expect(out.hasPrefix("<div id=\"lectern-preview-errors\""))
        #expect(out.hasSuffix("</script>\n"))
        #expect(out.contains("<p>bare</p>"))
    }

    @Test func requestPathsStayInsideThePreviewFolder() {
        #expect(previewFile(for: "/", in: "/p") == "/p/index.html")
        #expect(previewFile(for: "", in: "/p") == "/p/index.html")
        #expect(previewFile(for: "/01-intro.html", in: "/p") == "/p/01-intro.html")
        #expect(previewFile(for: "/sub/", in: "/p") == "/p/sub/index.html")
        #expect(previewFile(for: "/./a.css", in: "/p") == "/p/a.css")
        #expect(previewFile(for: "/../etc/passwd", in: "/p") == nil)
        #expect(previewFile(for: "/a/../../x", in: "/p") == nil)
        #expect(previewFile(for: "/%2e%2e/x", in: "/p") == nil)
        #expect(previewFile(for: "/.preview.partial-1/index.html", in: "/p") == nil)
    }

    @Test func contentTypes() {
        #expect(contentType(for: "/p/index.html") == "text/html; charset=utf-8")
        #expect(contentType(for: "/p/style.css") == "text/css; charset=utf-8")
        #expect(contentType(for: "/p/plot.svg") == "image/svg+xml")
        #expect(contentType(for: "/p/blob") == "application/octet-stream")
    }

    @Test func snapshotSeesAddedChangedAndRemovedLectures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.path
        let missing = FolderSnapshot(of: path + "/nope")
        #expect(!missing.folderExists && missing.files.isEmpty)

        try "a".write(toFile: path + "/01-a.md", atomically: false, encoding: .utf8)
        try "x".write(toFile: path + "/notes.txt", atomically: false, encoding: .utf8)
        try "h".write(toFile: path + "/.hidden.md", atomically: false, encoding: .utf8)
        let s1 = FolderSnapshot(of: path)
        #expect(s1.folderExists)
        #expect(Array(s1.files.keys) == ["01-a.md"])
        #expect(FolderSnapshot(of: path) == s1)

        try "c".write(toFile: path + "/02-b.md", atomically: false, encoding: .utf8)
        let s2 = FolderSnapshot(of: path)
        #expect(s2.changes(since: s1) == ["02-b.md"])
        try FileManager.default.removeItem(atPath: path + "/01-a.md")
        #expect(FolderSnapshot(of: path).changes(since: s2) == ["01-a.md"])
        // The files the build ignores are no change.
        let s3 = FolderSnapshot(of: path)
        try "y".write(toFile: path + "/notes.txt", atomically: false, encoding: .utf8)
        try "g".write(toFile: path + "/.hidden.md", atomically: false, encoding: .utf8)
        #expect(FolderSnapshot(of: path) == s3)
    }

    @Test func sameSizeRewriteIsSeenThroughTheModificationTime() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.path + "/01-a.md"
        try "aaaa".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file)
        let before = FolderSnapshot(of: dir.path)
        try "bbbb".write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000.5)], ofItemAtPath: file)
        let after = FolderSnapshot(of: dir.path)
        #expect(after.files["01-a.md"]?.size == before.files["01-a.md"]?.size)
        #expect(after.changes(since: before) == ["01-a.md"])
    }

    @Test func waitersWakeOnPublishAndTimeOutOtherwise() async {
        let state = PreviewState()
        #expect(state.current.generation == 0)
        // Already newer: answered at once.
        let immediate = await state.waitForBuild(after: -1, timeout: 30)
        #expect(immediate.generation == 0)

        async let woken = state.waitForBuild(after: 0, timeout: 30)
        try? await Task.sleep(nanoseconds: 50_000_000)
        let g = state.publish(diagnostics: [Diagnostic(file: "a.md", line: 3, "broken")], siteWritten: true)
        #expect(g == 1)
        let status = await woken
        #expect(status.generation == 1)
        #expect(status.errorCount == 1)

        let start = Date()
        let timedOut = await state.waitForBuild(after: 1, timeout: 0.2)
        #expect(timedOut.generation == 1)
        #expect(Date().timeIntervalSince(start) >= 0.19)

        async let closing = state.waitForBuild(after: 1, timeout: 30)
        try? await Task.sleep(nanoseconds: 50_000_000)
        state.close()
        #expect(await closing.generation == 1)
        // After close, waits return at once.
        #expect(await state.waitForBuild(after: 5, timeout: 30).generation == 1)
    }
}
