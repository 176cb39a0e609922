import Foundation

/// The files every site carries besides its pages and stylesheet: the math
/// font (Latin Modern Math as WOFF2) and its licence, under `fonts/`.
///
/// They are the files of `Sources/Lectern/Resources/fonts/`, which the package
/// copies next to the `lectern` binary (`Lectern_Lectern.resources`).
///
///     for asset in try siteAssets() { try Data(asset.bytes).write(to: site + "/" + asset.path) }
///     // fonts/latinmodern-math.woff2, fonts/GUST-FONT-LICENSE.txt, fonts/README-Latin-Modern-Math.txt
public struct SiteAsset: Sendable {
    /// The path inside the site, e.g. `fonts/latinmodern-math.woff2`.
    public var path: String
    public var bytes: [UInt8]
}

/// The asset files' names, in the order they are written.
let siteAssetNames = ["fonts/latinmodern-math.woff2", "fonts/GUST-FONT-LICENSE.txt", "fonts/README-Latin-Modern-Math.txt"]

/// The folder holding the package's resources: next to the running binary
/// (`lectern`, or the test bundle), as the package builds them.
func resourceDirectory() -> String? {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    let folder = splitPath(exe).folder
    for name in ["Lectern_Lectern.resources", "Lectern_Lectern.bundle/Contents/Resources", "Lectern_Lectern.bundle"] {
        let candidate = folder + name
        if FileManager.default.fileExists(atPath: candidate + "/fonts") { return candidate }
    }
    return nil
}

/// Reads the site's asset files.
///
/// - Throws: a `Diagnostic` naming the missing file when the resources are not next to the binary.
func siteAssets() throws(Diagnostic) -> [SiteAsset] {
    guard let directory = resourceDirectory() else {
        throw Diagnostic(file: "Lectern_Lectern.resources",
                         "the site's math font was not found next to the lectern binary; build Lectern with `swift build` and run it from its build folder")
    }
    var assets: [SiteAsset] = []
    for name in siteAssetNames {
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw Diagnostic(file: directory + "/" + name, "cannot read a file the site needs")
        }
        assets.append(SiteAsset(path: name, bytes: [UInt8](data)))
    }
    return assets
}
