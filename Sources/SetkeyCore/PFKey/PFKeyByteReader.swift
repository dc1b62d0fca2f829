extension PFKey {
    /// Reads fixed-size fields from a byte array with bounds checks; every read names its
    /// byte order. A failed read throws `DecodingError.truncated` and moves nothing.
    public struct ByteReader: Sendable {
        /// The bytes being read.
        public let bytes: [UInt8]
        /// The offset of the next read.
        public private(set) var offset: Int
        /// One past the last byte this reader may read.
        public let end: Int

        /// A reader over `bytes[start..<end]` (`end` defaults to the whole array).
        public init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
            self.bytes = bytes
            self.offset = max(0, min(start, bytes.count))
            self.end = max(self.offset, min(end ?? bytes.count, bytes.count))
        }

        /// How many bytes are left.
        public var remaining: Int { end - offset }

        func check(_ count: Int, _ what: String) throws(DecodingError) {
            guard count >= 0, count <= remaining else {
                throw .truncated(what: what, offset: offset, needed: count, available: remaining)
            }
        }

        public mutating func readUInt8(_ what: String = "field") throws(DecodingError) -> UInt8 {
            try check(1, what)
            defer { offset += 1 }
            return bytes[offset]
        }

        public mutating func readUInt16(_ order: PFKeyEndianness, _ what: String = "field") throws(DecodingError) -> UInt16 {
            try check(2, what)
            let a = UInt16(bytes[offset]), b = UInt16(bytes[offset + 1])
            offset += 2
            return order == .big ? a << 8 | b : b << 8 | a
        }

        public mutating func readUInt32(_ order: PFKeyEndianness, _ what: String = "field") throws(DecodingError) -> UInt32 {
            try check(4, what)
            var v: UInt32 = 0
            for i in 0..<4 {
                let b = UInt32(bytes[offset + (order == .big ? i : 3 - i)])
                v = v << 8 | b
            }
            offset += 4
            return v
        }

        public mutating func readUInt64(_ order: PFKeyEndianness, _ what: String = "field") throws(DecodingError) -> UInt64 {
            try check(8, what)
            var v: UInt64 = 0
            for i in 0..<8 {
                let b = UInt64(bytes[offset + (order == .big ? i : 7 - i)])
                v = v << 8 | b
            }
            offset += 8
            return v
        }

        /// The next `count` bytes.
        public mutating func readBytes(_ count: Int, _ what: String = "bytes") throws(DecodingError) -> [UInt8] {
            try check(count, what)
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        /// Everything up to `end`.
        public mutating func readRest() -> [UInt8] {
            defer { offset = end }
            return Array(bytes[offset..<end])
        }

        /// Moves forward `count` bytes.
        public mutating func skip(_ count: Int, _ what: String = "bytes") throws(DecodingError) {
            try check(count, what)
            offset += count
        }

        /// Peeks at the byte `ahead` bytes after the current offset, nil past the end.
        public func peekUInt8(ahead: Int = 0) -> UInt8? {
            let i = offset + ahead
            return i >= 0 && i < end ? bytes[i] : nil
        }

        /// Peeks a 16-bit value `ahead` bytes after the current offset, nil past the end.
        public func peekUInt16(_ order: PFKeyEndianness, ahead: Int = 0) -> UInt16? {
            guard let a = peekUInt8(ahead: ahead), let b = peekUInt8(ahead: ahead + 1) else { return nil }
            return order == .big ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
        }
    }
}
