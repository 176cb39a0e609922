/// softmax(x)_i = exp(x_i - max x) / Σ_j exp(x_j - max x)
public func softmax(_ logits: [Double]) -> [Double] {
    guard let m = logits.max() else { return [] }
    let e = logits.map { _exp($0 - m) }
    let z = e.reduce(0, +)
    return e.map { $0 / z }
}

@inline(__always) func _exp(_ x: Double) -> Double {
    var r = 1.0, term = 1.0
    for n in 1..<40 { term *= x / Double(n); r += term }
    return r
}
