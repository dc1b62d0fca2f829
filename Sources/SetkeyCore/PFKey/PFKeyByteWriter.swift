extension PFKey {
    /// Appends fixed-size fields to a byte array; every write names its byte order.
    public struct ByteWriter: Sendable {
        /// What has been written so far.
        public private(set) var bytes: [UInt8]

        public init(capacity: Int = 256) {
            bytes = []
            bytes.reserveCapacity(capacity)
        }

        /// The number of bytes written.
        public var count: Int { bytes.count }

        public mutating func write(_ v: UInt8) { bytes.append(v) }

        public mutating func write(_ v: UInt16, _ order: PFKeyEndianness) {
            if order == .big {
                bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xff))
            } else {
                bytes.append(UInt8(v & 0xff)); bytes.append(UInt8(v >> 8))
            }
        }

        public mutating func write(_ v: UInt32, _ order: PFKeyEndianness) {
            for i in 0..<4 {
                let shift = UInt32(order == .big ? (3 - i) * 8 : i * 8)
                bytes.append(UInt8(truncatingIfNeeded: v >> shift))
            }
        }

        public mutating func write(_ v: UInt64, _ order: PFKeyEndianness) {
            for i in 0..<8 {
                let shift = UInt64(order == .big ? (7 - i) * 8 : i * 8)
                bytes.append(UInt8(truncatingIfNeeded: v >> shift))
            }
        }

        public mutating func write<C: Collection>(bytes more: C) where C.Element == UInt8 {
            bytes.append(contentsOf: more)
        }

        /// Appends `count` zero bytes.
        public mutating func writeZeros(_ count: Int) {
            if count > 0 { bytes.append(contentsOf: repeatElement(0, count: count)) }
        }

        /// Pads with zeros to a multiple of 8 bytes.
        public mutating func padToWord() { writeZeros(PFKey.align8(bytes.count) - bytes.count) }

        /// Overwrites a 16-bit value at `offset` (for lengths known only at the end).
        public mutating func set(_ v: UInt16, at offset: Int, _ order: PFKeyEndianness) {
            precondition(offset >= 0 && offset + 2 <= bytes.count, "ByteWriter.set outside what was written")
            let hi = UInt8(v >> 8), lo = UInt8(v & 0xff)
            bytes[offset] = order == .big ? hi : lo
            bytes[offset + 1] = order == .big ? lo : hi
        }
    }
}
