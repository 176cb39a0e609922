#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// `printf`-style formatting of one number, without Foundation.
func cFormat(_ format: String, _ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 128)
    _ = withVaList([x]) { vsnprintf(&buffer, 128, format, $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A value seen as a number, if it is one (any integer or floating-point type).
func numericValue(_ value: Any) -> Double? {
    if value is Bool { return nil }
    if let d = value as? Double { return d }
    if let f = value as? Float { return Double(f) }
    if let i = value as? any BinaryInteger { return Double(i) }
    if let f = value as? any BinaryFloatingPoint { return Double(f) }
    return nil
}

/// A number as text; integers of any width keep every digit.
func numberText(_ value: Any) -> String? {
    if value is Bool { return nil }
    if let i = value as? any BinaryInteger { return String(describing: i) }
    if let d = numericValue(value) { return formatNumber(d) }
    return nil
}

/// Unwraps any level of optional; nil when the value is `nil`.
func unwrapOptional(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    guard let child = mirror.children.first else { return nil }
    return unwrapOptional(child.value)
}

/// How any value reads in prose: numbers through `formatNumber`, collections
/// element by element (strings quoted inside them), dictionaries sorted by key
/// so the text is the same on every run.
func formatAny(_ value: Any, nested: Bool = false) -> String {
    guard let value = unwrapOptional(value) else { return "nil" }
    if let s = value as? String { return nested ? "\"" + s + "\"" : s }
    if let b = value as? Bool { return b ? "true" : "false" }
    if let text = numberText(value) { return text }
    if let items = value as? [Any] {
        return "[" + items.map { formatAny($0, nested: true) }.joined(separator: ", ") + "]"
    }
    if let dict = value as? [AnyHashable: Any] {
        if dict.isEmpty { return "[:]" }
        let entries = sortedEntries(dict).map { formatAny($0.key.base, nested: true) + ": " + formatAny($0.value, nested: true) }
        return "[" + entries.joined(separator: ", ") + "]"
    }
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .tuple {
        let parts = mirror.children.map { child -> String in
            let text = formatAny(child.value, nested: true)
            if let label = child.label, !label.hasPrefix(".") { return label + ": " + text }
            return text
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }
    return String(describing: value)
}

/// Dictionary entries in a stable order: numerically when every key is a number, else by text.
func sortedEntries(_ dict: [AnyHashable: Any]) -> [(key: AnyHashable, value: Any)] {
    let entries = dict.map { (key: $0.key, value: $0.value) }
    if entries.allSatisfy({ numericValue($0.key.base) != nil }) {
        return entries.sorted { (numericValue($0.key.base) ?? 0) < (numericValue($1.key.base) ?? 0) }
    }
    return entries.sorted { formatAny($0.key.base) < formatAny($1.key.base) }
}
