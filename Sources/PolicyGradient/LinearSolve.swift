/// A square matrix stored row-major in one flat array, for the small dense systems of exact evaluation.
public struct Matrix: Sendable, Equatable {
    /// n, the number of rows and columns.
    public let size: Int
    /// The entries, row-major: element (i, j) is `entries[i * size + j]`.
    public var entries: [Double]

    /// The n × n zero matrix.
    public init(size: Int) {
        self.size = size
        entries = [Double](repeating: 0, count: size * size)
    }

    /// A matrix from its rows (all of length n = number of rows).
    public init(rows: [[Double]]) {
        size = rows.count
        for r in rows where r.count != rows.count {
            engineFailure("Matrix(rows:) needs a square matrix: \(rows.count) rows, a row of \(r.count)")
        }
        entries = Array(rows.joined())
    }

    /// Element (i, j).
    public subscript(i: Int, j: Int) -> Double {
        get { entries[i * size + j] }
        set { entries[i * size + j] = newValue }
    }

    /// The rows as arrays.
    public var rows: [[Double]] { (0..<size).map { Array(entries[($0 * size)..<(($0 + 1) * size)]) } }

    /// Aᵀ.
    public var transposed: Matrix {
        var t = Matrix(size: size)
        for i in 0..<size { for j in 0..<size { t[j, i] = self[i, j] } }
        return t
    }

    /// A x.
    public func times(_ x: [Double]) -> [Double] {
        (0..<size).map { i in
            var s = 0.0
            for j in 0..<size { s += entries[i * size + j] * x[j] }
            return s
        }
    }
}

/// Why a linear system has no unique solution.
public struct SingularMatrixError: Error, CustomStringConvertible {
    /// The elimination step (column) at which every remaining pivot candidate was zero.
    public let column: Int
    public var description: String { "the matrix is singular (no nonzero pivot in column \(column))" }
}

/// The LU decomposition with partial pivoting, P A = L U, of a square matrix.
///
/// At step k the row with the largest |A[i, k]|, i ≥ k, is swapped up, so every
/// multiplier has size ≤ 1 and the rounding error stays near machine precision times the
/// condition number of A. A pivot below 1e-14 times the largest entry of A means A is
/// singular for our purposes. One decomposition solves both A x = b and Aᵀ x = b.
///
/// ```swift
/// let lu = try LUDecomposition(Matrix(rows: [[2, 1], [1, 3]]))
/// lu.solve([3, 5])             // [0.8, 1.4]
/// lu.solveTransposed([3, 5])   // [0.8, 1.4] (A is symmetric)
/// ```
/// - Complexity: n³/3 multiply–adds for the decomposition (rows whose entry below a pivot is
///   already 0 are skipped, so banded matrices cost far less), n² per solve, n² doubles of
///   memory. `bench/solver` measures it; the figures are in `denseStateLimit`'s comment.
public struct LUDecomposition: Sendable {
    /// L (below the diagonal, unit diagonal implied) and U (on and above it), row-major.
    let lu: [Double]
    /// Row i of P A is row `permutation[i]` of A.
    let permutation: [Int]
    /// n.
    public let size: Int

    /// Decomposes A.
    /// - Throws: `SingularMatrixError` when no usable pivot is left in some column.
    public init(_ a: Matrix) throws(SingularMatrixError) {
        let n = a.size
        var m = a.entries, perm = Array(0..<n)
        var largest = 0.0
        for v in m where abs(v) > largest { largest = abs(v) }
        let tiny = largest * 1e-14
        var failed: Int? = nil
        m.withUnsafeMutableBufferPointer { m in
            for k in 0..<n {
                var p = k, best = abs(m[k * n + k])
                for i in (k + 1)..<n where abs(m[i * n + k]) > best { p = i; best = abs(m[i * n + k]) }
                if !(best > tiny) { failed = k; return }
                if p != k {
                    for j in 0..<n { m.swapAt(k * n + j, p * n + j) }
                    perm.swapAt(k, p)
                }
                let pivot = m[k * n + k]
                for i in (k + 1)..<n {
                    let f = m[i * n + k] / pivot
                    m[i * n + k] = f                                          // L[i, k]
                    if f == 0 { continue }
                    for j in (k + 1)..<n { m[i * n + j] -= f * m[k * n + j] }  // row_i ← row_i − f row_k
                }
            }
        }
        if let k = failed { throw SingularMatrixError(column: k) }
        lu = m
        permutation = perm
        size = n
    }

    /// x with A x = b: L y = P b forwards, then U x = y backwards.
    public func solve(_ b: [Double]) -> [Double] {
        let n = size
        if b.count != n { engineFailure("LUDecomposition.solve: a \(n) × \(n) matrix and a right side of \(b.count)") }
        var x = permutation.map { b[$0] }
        for i in 0..<n { for j in 0..<i { x[i] -= lu[i * n + j] * x[j] } }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in (i + 1)..<n { x[i] -= lu[i * n + j] * x[j] }
            x[i] /= lu[i * n + i]
        }
        return x
    }

    /// x with Aᵀ x = b: Aᵀ = Uᵀ Lᵀ P, so Uᵀ w = b forwards, Lᵀ z = w backwards, x = Pᵀ z.
    public func solveTransposed(_ b: [Double]) -> [Double] {
        let n = size
        if b.count != n { engineFailure("LUDecomposition.solveTransposed: a \(n) × \(n) matrix and a right side of \(b.count)") }
        var w = b
        for i in 0..<n {
            w[i] /= lu[i * n + i]
            let wi = w[i]
            for j in (i + 1)..<n { w[j] -= lu[i * n + j] * wi }              // column i of U, used as a row of Uᵀ
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let wi = w[i]
            for j in 0..<i { w[j] -= lu[i * n + j] * wi }
        }
        var x = [Double](repeating: 0, count: n)
        for i in 0..<n { x[permutation[i]] = w[i] }
        return x
    }
}

/// Solves A x = b by Gaussian elimination with partial pivoting (see `LUDecomposition`).
///
/// ```swift
/// try solveLinearSystem(Matrix(rows: [[2, 1], [1, 3]]), [3, 5])   // [0.8, 1.4]
/// ```
/// - Throws: `SingularMatrixError` when A is singular.
public func solveLinearSystem(_ a: Matrix, _ b: [Double]) throws(SingularMatrixError) -> [Double] {
    try LUDecomposition(a).solve(b)
}

/// Stops the program with a message. Unlike `precondition`, the message is printed in
/// optimised builds too, so a lecture shows why the engine refused.
func engineFailure(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}

/// `precondition` whose message survives optimised builds (the engine ships built with -O).
func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
