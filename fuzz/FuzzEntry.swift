import Lectern

// libFuzzer entry point: any bytes are a lecture; parsing, math and rendering
// must never trap. Errors in the text are fine: they are diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func lecternFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Deep nesting: an input 0xFF, n, m, then n bytes of a fragment and the rest stands for
    // the rest with the fragment repeated 3000 times after its first m bytes (`>`, `- `,
    // `*a `, `[` in front matter, ...). 0xFF never starts UTF-8, so no other input reads so.
    if size >= 4, bytes[0] == 0xFF {
        let n = min(Int(bytes[1]), size - 3)
        let fragment = bytes[3..<3 + n]
        let rest = bytes[(3 + n)...]
        let m = min(Int(bytes[2]), rest.count)
        bytes = Array(rest.prefix(m)) + Array(repeatElement(fragment, count: 3000).joined()) + Array(rest.dropFirst(m))
    }
    guard let source = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let html = try renderWithoutRunning(source: source, file: "fuzz.md")
        precondition(!html.contains("<script"), "unescaped script tag in output")
    } catch {
        precondition(!error.items.isEmpty, "an error without diagnostics")
    }
    return 0
}
