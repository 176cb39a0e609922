import Foundation

extension Harness {
    /// The repository's own `lectures/` folder (the course).
    static var courseLectures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lectures")
    }

    /// A fresh temporary folder holding a copy of `lecturesFolder` as `lectures/`.
    ///
    ///     let h = try Harness(lecturesFolder: Harness.courseLectures)
    ///     let r = try h.run(["check"])
    ///
    /// - Parameter lecturesFolder: the folder of lecture files (and `course.yml`) to copy.
    init(lecturesFolder: URL) throws {
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("lectern-e2e-course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: lecturesFolder, to: tmp.appendingPathComponent("lectures"))
        directory = tmp
    }
}
