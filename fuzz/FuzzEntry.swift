import Lectern

// libFuzzer entry point: any bytes are a lecture; parsing, math and rendering
// must never trap. Errors in the text are fine: they are diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func lecternFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let source = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let html = try renderWithoutRunning(source: source, file: "fuzz.md")
        precondition(!html.contains("<script"), "unescaped script tag in output")
    } catch {
        precondition(!error.items.isEmpty, "an error without diagnostics")
    }
    return 0
}
