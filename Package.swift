// swift-tools-version:6.0
import PackageDescription

// Built and tested on Linux only. The few platform-specific lines (the runtime
// library's name, the running binary's path, posix_spawn's types) have a Darwin
// branch behind `#if`, but nothing here builds or tests them on macOS, so the
// package declares no Apple platform.
let package = Package(
    name: "Lectern",
    products: [
        .executable(name: "lectern", targets: ["lectern"]),
        // The runtime that generated cell programs link against. It sits next to the
        // `lectern` binary; the pipeline compiles programs against it, never imports it.
        .library(name: "LecternRuntime", type: .dynamic, targets: ["Notebook", "PolicyGradient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "CommonMark", dependencies: ["CCmark"]),
        .target(name: "TeXMath"),
        .target(
            name: "Lectern",
            dependencies: ["CommonMark", "TeXMath", .product(name: "Yams", package: "Yams")],
            // The math font and its licence, written into every site (Site/Assets.swift).
            resources: [.copy("Resources/fonts")]
        ),
        .executableTarget(
            name: "lectern",
            dependencies: ["Lectern", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "PolicyGradient"),
        .target(name: "Notebook"),
        .executableTarget(name: "EngineBench", dependencies: ["PolicyGradient"], path: "bench/EngineBench"),
        .executableTarget(name: "MathBench", dependencies: ["TeXMath"], path: "bench/MathBench"),
        .executableTarget(name: "MarkdownBench", dependencies: ["Lectern"], path: "bench/MarkdownBench"),

        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath"]),
        .testTarget(name: "LecternTests", dependencies: ["Lectern"]),
        .testTarget(name: "PolicyGradientTests", dependencies: ["PolicyGradient"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "EndToEndTests", dependencies: ["lectern"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
