#if canImport(Glibc)
import Glibc
#endif

/// Key material of an SA. The bytes live in storage of their own that is zeroed when the
/// last copy goes away; they never appear in `description`, in logs or in errors.
/// Counterpart: `sadb_key` (KEY_AUTH / KEY_ENCRYPT), `xfrm_algo.alg_key`.
public struct SAKey: Sendable, Hashable, CustomStringConvertible {
    private let storage: Storage

    /// A key made of `bytes` (copied).
    public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        storage = Storage(bytes)
    }

    /// The empty key (0 bits), as `-E null` sends.
    public static let empty = SAKey([UInt8]())

    /// The length in bytes.
    public var count: Int { storage.count }
    /// The length in bits (bytes × 8).
    public var bitCount: Int { storage.count * 8 }
    /// Whether the key has no bytes.
    public var isEmpty: Bool { storage.count == 0 }

    /// Calls `body` with the key bytes; do not let them escape.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: storage.count))
    }

    /// A copy of the key bytes, for encoders and formatters that must print keys.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lower-case hex of the key, no prefix.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        withUnsafeBytes { raw in
            for b in raw {
                out.append(digits[Int(b >> 4)])
                out.append(digits[Int(b & 0xf)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Never the key: `<N bytes>`.
    public var description: String { "<\(count) bytes>" }

    public static func == (a: SAKey, b: SAKey) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// Heap storage that zeroes itself before being freed.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutableRawPointer?
        let count: Int

        init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            count = bytes.count
            if count == 0 {
                base = nil
                return
            }
            let byteCount = count
            let p = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 1)
            let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
                p.copyMemory(from: UnsafeRawPointer(source.baseAddress!), byteCount: byteCount)
            }
            if copied == nil {
                var i = 0
                for b in bytes {
                    p.storeBytes(of: b, toByteOffset: i, as: UInt8.self)
                    i += 1
                }
            }
            base = p
        }

        deinit {
            if let base {
                #if canImport(Glibc)
                explicit_bzero(base, count)
                #else
                base.initializeMemory(as: UInt8.self, repeating: 0, count: count)
                #endif
                base.deallocate()
            }
        }
    }
}
