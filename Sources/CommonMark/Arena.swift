import CCmark
#if canImport(Glibc)
import Glibc
#endif

/// A bump allocator for one cmark parse: cmark's many small allocations become
/// pointer increments in large zeroed blocks, its frees cost nothing, and the
/// whole tree goes at once when the parse is copied out.
///
/// cmark's allocator functions take no context, so the arena of the parse
/// running on a thread is found through a thread-specific key: parses on
/// different threads never share one. The key holds a plain pointer to the
/// arena, so an allocation does no reference counting.
struct ParseArena {
    /// Each allocation is preceded by a header holding its size, for `realloc`.
    private static let header = 16
    private static let blockSize = 1 << 20

    private var blocks: [UnsafeMutableRawPointer] = []
    /// The block being filled, its bytes handed out, and its size.
    private var block: UnsafeMutableRawPointer?
    private var used = 0
    private var capacity = 0
    /// The most recent allocation, which `realloc` can grow in place.
    private var last: UnsafeMutableRawPointer?

    /// Runs `body` with a cmark allocator that draws from a fresh arena, freed when `body` returns.
    static func withAllocator<R>(_ body: (UnsafeMutablePointer<cmark_mem>) -> R) -> R {
        var arena = ParseArena()
        defer { for block in arena.blocks { free(block) } }
        return withUnsafeMutablePointer(to: &arena) { pointer in
            let previous = pthread_getspecific(key)
            pthread_setspecific(key, pointer)
            defer { pthread_setspecific(key, previous) }
            var mem = cmark_mem(calloc: arenaCalloc, realloc: arenaRealloc, free: arenaFree)
            return body(&mem)
        }
    }

    fileprivate static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "cannot create a thread-specific key for the parser's memory")
        return key
    }()

    fileprivate static var current: UnsafeMutablePointer<ParseArena> {
        guard let p = pthread_getspecific(key) else { preconditionFailure("cmark allocated outside a parse") }
        return p.assumingMemoryBound(to: ParseArena.self)
    }

    /// `size` zeroed bytes, 16-byte aligned. Blocks come from `calloc`, and no byte is handed out twice.
    fileprivate mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let need = Self.rounded(size)
        if block == nil || capacity - used < need {
            let length = max(Self.blockSize, need)
            guard let fresh = calloc(length, 1) else { return nil }
            blocks.append(fresh)
            (block, used, capacity) = (fresh, 0, length)
        }
        guard let block else { return nil }
        let p = block + used + Self.header
        p.storeBytes(of: size, toByteOffset: -Self.header, as: Int.self)
        used += need
        last = p
        return p
    }

    fileprivate mutating func reallocate(_ p: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let p else { return allocate(size) }
        let old = p.load(fromByteOffset: -Self.header, as: Int.self)
        if size <= old { return p }
        // The last allocation grows in place when its block has room: the bytes after it were never used.
        if p == last, let block {
            let start = p - Self.header - block
            if Self.rounded(size) <= capacity - start {
                used = start + Self.rounded(size)
                p.storeBytes(of: size, toByteOffset: -Self.header, as: Int.self)
                return p
            }
        }
        guard let q = allocate(size) else { return nil }
        q.copyMemory(from: p, byteCount: old)
        return q
    }

    /// The bytes an allocation of `size` takes with its header, a multiple of 16.
    private static func rounded(_ size: Int) -> Int { (header + size + 15) & ~15 }
}

private func arenaCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
    return overflow ? nil : ParseArena.current.pointee.allocate(bytes)
}

private func arenaRealloc(_ p: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    ParseArena.current.pointee.reallocate(p, size)
}

private func arenaFree(_ p: UnsafeMutableRawPointer?) {}
