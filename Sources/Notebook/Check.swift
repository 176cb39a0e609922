/// Mean, unbiased standard deviation and standard error of a sample.
struct SampleStats {
    let n: Int
    let mean: Double
    /// Unbiased (n − 1) standard deviation; NaN for fewer than 2 values.
    let sd: Double
    /// sd / √n; NaN for fewer than 2 values.
    let se: Double

    init(_ xs: [Double]) {
        n = xs.count
        mean = n == 0 ? .nan : xs.reduce(0, +) / Double(n)
        if n < 2 {
            sd = .nan
        } else {
            let m = mean
            sd = (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
        }
        se = n < 2 ? .nan : sd / Double(n).squareRoot()
    }
}

/// z = (mean − expected) / se, with se = 0 giving 0 when they agree exactly and ±inf otherwise.
func zScore(mean: Double, expected: Double, se: Double) -> Double {
    if se > 0 { return (mean - expected) / se }
    if mean == expected { return 0 }
    return mean > expected ? .infinity : -.infinity
}

/// Whether error `a` is worse than `b`, a NaN being the worst of all (the first NaN stays worst).
func worse(_ a: Double, than b: Double) -> Bool {
    if b.isNaN { return false }
    return a.isNaN || a > b
}

// MARK: Record builders (pure; the public functions below write what they return)

func scalarCheckFields(_ actual: Double, _ expected: Double, tolerance: Double, relative: Double)
    -> (passed: Bool, fields: [(String, JSONValue)]) {
    let error = abs(actual - expected)
    let allowed = tolerance + relative * abs(expected)
    let passed = actual == expected || error <= allowed
    return (passed, [("form", .string("scalar")), ("actual", .number(actual)), ("expected", .number(expected)),
                     ("tolerance", .number(tolerance)), ("relative", .number(relative)), ("error", .number(error))])
}

func vectorCheckFields(_ actual: [Double], _ expected: [Double], tolerance: Double, relative: Double)
    -> (passed: Bool, fields: [(String, JSONValue)]) {
    var passed = actual.count == expected.count
    var worst = -1
    var maxError = 0.0
    for i in 0..<min(actual.count, expected.count) {
        let error = abs(actual[i] - expected[i])
        let ok = actual[i] == expected[i] || error <= tolerance + relative * abs(expected[i])
        if !ok { passed = false }
        if worst < 0 || worse(error, than: maxError) { worst = i; maxError = error }
    }
    var fields: [(String, JSONValue)] = [
        ("form", .string("vector")), ("actual", RecordFields.numbers(actual)), ("expected", RecordFields.numbers(expected)),
        ("tolerance", .number(tolerance)), ("relative", .number(relative)), ("error", .number(maxError)),
        ("worst", .number(Double(worst))),
    ]
    if actual.count != expected.count {
        fields.append(("note", .string("actual has \(actual.count) components, expected has \(expected.count)")))
    }
    return (passed, fields)
}

func estimateFields(samples: [Double], expected: Double, sigmas: Double) -> (passed: Bool, fields: [(String, JSONValue)]) {
    let s = SampleStats(samples.filter { !$0.isNaN })
    let z = zScore(mean: s.mean, expected: expected, se: s.se)
    let usable = s.n >= 2 && samples.count == s.n
    let passed = usable && abs(z) <= sigmas
    var fields: [(String, JSONValue)] = [
        ("form", .string("scalar")), ("n", .number(Double(samples.count))), ("sigmas", .number(sigmas)),
        ("mean", .number(s.mean)), ("se", .number(s.se)), ("z", .number(z)), ("expected", .number(expected)),
    ]
    if let note = estimateNote(count: samples.count, usable: s.n) { fields.append(("note", .string(note))) }
    return (passed, fields)
}

func vectorEstimateFields(samples: [[Double]], expected: [Double], sigmas: Double) -> (passed: Bool, fields: [(String, JSONValue)]) {
    let d = expected.count
    let wellFormed = samples.allSatisfy { $0.count == d }
    var means: [Double] = [], ses: [Double] = [], zs: [Double] = []
    var usable = samples.count
    for j in 0..<d {
        let column = samples.compactMap { j < $0.count ? $0[j] : nil }.filter { !$0.isNaN }
        usable = min(usable, column.count)
        let s = SampleStats(column)
        means.append(s.mean)
        ses.append(s.se)
        zs.append(zScore(mean: s.mean, expected: expected[j], se: s.se))
    }
    var worst = -1
    var maxZ = 0.0
    for (j, z) in zs.enumerated() where worst < 0 || worse(abs(z), than: maxZ) {
        worst = j
        maxZ = abs(z)
    }
    let passed = wellFormed && usable >= 2 && usable == samples.count && d > 0 && zs.allSatisfy { abs($0) <= sigmas }
    var fields: [(String, JSONValue)] = [
        ("form", .string("vector")), ("n", .number(Double(samples.count))), ("sigmas", .number(sigmas)),
        ("mean", RecordFields.numbers(means)), ("se", RecordFields.numbers(ses)), ("z", RecordFields.numbers(zs)),
        ("expected", RecordFields.numbers(expected)), ("worst", .number(Double(worst))), ("maxZ", .number(maxZ)),
    ]
    if !wellFormed {
        fields.append(("note", .string("every sample must have \(d) components, like expected")))
    } else if let note = estimateNote(count: samples.count, usable: usable) {
        fields.append(("note", .string(note)))
    }
    return (passed, fields)
}

private func estimateNote(count: Int, usable: Int) -> String? {
    if count < 2 { return "needs at least 2 samples to estimate a standard error, got \(count)" }
    if usable < count { return "\(count - usable) of \(count) samples are NaN" }
    return nil
}

private func writeCheck(_ kind: String, _ name: String, _ file: String, _ line: Int,
                        _ result: (passed: Bool, fields: [(String, JSONValue)])) -> Bool {
    _lecternRecord(kind, checkRecordFields(name, file, line, result))
    return result.passed
}

/// The fields of a check or estimate record: name, file, line, passed, then the figures.
func checkRecordFields(_ name: String, _ file: String, _ line: Int,
                       _ result: (passed: Bool, fields: [(String, JSONValue)])) -> [(String, JSONValue)] {
    [("name", .string(name))] + RecordFields.location(file, line) + [("passed", .bool(result.passed))] + result.fields
}

// MARK: Public checks

/// Checks a number against its expected value; exact when `tolerance` and `relative` are 0.
///
/// Passes when `|actual − expected| ≤ tolerance + relative·|expected|`. A NaN never passes.
/// The page shows a pass or fail badge with the figures; a failed check fails the build
/// at this line.
///
///     check("J by enumeration", exactJ, expected: 0.375, tolerance: 1e-12)
///
/// - Parameters:
///   - name: what is checked, shown on the badge and in the ledger.
///   - actual: the computed value.
///   - expected: the value it must match.
///   - tolerance: the absolute error allowed.
///   - relative: the error allowed relative to `|expected|`.
/// - Returns: whether the check passed.
@discardableResult
public func check(_ name: String, _ actual: Double, expected: Double, tolerance: Double = 0,
                  relative: Double = 0, file: String = #filePath, line: Int = #line) -> Bool {
    writeCheck("check", name, file, line, scalarCheckFields(actual, expected, tolerance: tolerance, relative: relative))
}

/// Checks a vector (a gradient, a distribution) component by component.
///
/// Passes when the arrays have the same length and every component is within
/// `tolerance + relative·|expected[i]|`; the badge shows the largest error.
///
///     check("∇J matches finite differences", grad, expected: fdGrad, tolerance: 1e-6)
///
/// - Parameters:
///   - name: what is checked.
///   - actual: the computed vector.
///   - expected: the vector it must match.
///   - tolerance: the absolute error allowed per component.
///   - relative: the error allowed relative to `|expected[i]|`.
/// - Returns: whether the check passed.
@discardableResult
public func check(_ name: String, _ actual: [Double], expected: [Double], tolerance: Double = 0,
                  relative: Double = 0, file: String = #filePath, line: Int = #line) -> Bool {
    writeCheck("check", name, file, line, vectorCheckFields(actual, expected, tolerance: tolerance, relative: relative))
}

/// Checks that two values are equal (counts, strings, states).
///
///     check("episode length", trajectory.count, expected: 4)
///
/// - Returns: whether the check passed.
@discardableResult
public func check<T: Equatable>(_ name: String, _ actual: T, expected: T,
                                file: String = #filePath, line: Int = #line) -> Bool {
    writeCheck("check", name, file, line, (actual == expected, [
        ("form", .string("equal")), ("actual", .string(formatValue(actual))), ("expected", .string(formatValue(expected))),
    ]))
}

/// Checks a plain condition. `values`, when given, are the numbers the condition
/// was decided on: the badge and the ledger's JSON show them.
///
///     check("probabilities sum to 1", condition: abs(probs.reduce(0, +) - 1) < 1e-12)
///     check("unbiased at every T", condition: worst < 1e-10, values: ["worst bias": worst])
///
/// - Returns: `condition`.
@discardableResult
public func check(_ name: String, condition: Bool, values: KeyValuePairs<String, Double> = [:],
                  file: String = #filePath, line: Int = #line) -> Bool {
    var fields: [(String, JSONValue)] = [("form", .string("condition"))]
    if !values.isEmpty { fields.append(("values", .object(values.map { ($0.key, .number($0.value)) }))) }
    return writeCheck("check", name, file, line, (condition, fields))
}

/// Checks a Monte-Carlo estimate against an exact value, within `sigmas` standard errors.
///
/// With `mean` and `sd` (unbiased) of the samples and `SE = sd / √n`, passes
/// when `|mean − expected| ≤ sigmas · SE`. The badge shows the mean, SE and
/// z = (mean − expected) / SE. With the default 4 sigmas a correct estimator
/// fails about once in 16 000 runs; `lectern check --seeds N` shows how often.
///
///     let samples = (0..<10_000).map { _ in reinforceGradientSample(&rng) }
///     checkEstimate("REINFORCE is unbiased", samples: samples, expected: exactGradient)
///
/// - Parameters:
///   - name: what is checked.
///   - samples: independent samples of the estimator (at least 2; NaN fails).
///   - expected: the exact value.
///   - sigmas: how many standard errors the mean may be off.
/// - Returns: whether the check passed.
@discardableResult
public func checkEstimate(_ name: String, samples: [Double], expected: Double, sigmas: Double = 4,
                          file: String = #filePath, line: Int = #line) -> Bool {
    writeCheck("estimate", name, file, line, estimateFields(samples: samples, expected: expected, sigmas: sigmas))
}

/// Checks a vector Monte-Carlo estimate (e.g. a sampled gradient) component by component.
///
/// `samples[i]` is the i-th sample of the whole vector. Every component must be
/// within `sigmas` standard errors of `expected`; the badge shows the worst z.
/// With d components a correct estimator fails about d times as often as a scalar one.
///
///     checkEstimate("sampled ∇J", samples: gradientSamples, expected: exactGrad)
///
/// - Parameters:
///   - name: what is checked.
///   - samples: independent samples, each with as many components as `expected`.
///   - expected: the exact vector.
///   - sigmas: how many standard errors each component may be off.
/// - Returns: whether the check passed.
@discardableResult
public func checkEstimate(_ name: String, samples: [[Double]], expected: [Double], sigmas: Double = 4,
                          file: String = #filePath, line: Int = #line) -> Bool {
    writeCheck("estimate", name, file, line, vectorEstimateFields(samples: samples, expected: expected, sigmas: sigmas))
}
