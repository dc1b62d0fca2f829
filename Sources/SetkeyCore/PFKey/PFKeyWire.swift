extension PFKey {
    /// A wire personality: how one family of kernels lays PF_KEY messages out.
    ///
    /// Linux: sockaddrs start with a 16-bit family (no length byte), `AF_INET6` is 10, policy
    /// requests have a 16-byte header with a 32-bit reqid, extension types 23-26 are NAT-T OA,
    /// security context, KM address and filter. BSD (KAME, NetBSD, FreeBSD, QNX): sockaddrs
    /// start with `sa_len` and an 8-bit family, `AF_INET6` is 24 (NetBSD) or 28 (FreeBSD),
    /// requests have an 8-byte header with a 16-bit reqid, types 23-28 are NAT-T OAI, OAR,
    /// fragment size, SA replay and new addresses.
    /// Counterpart: `<linux/pfkeyv2.h>` versus `<net/pfkeyv2.h>`.
    public struct Wire: Sendable, Hashable, CustomStringConvertible {
        /// The kernel family.
        public enum Flavour: String, Sendable, Hashable, CaseIterable {
            case linux
            case netBSD = "netbsd"
            case freeBSD = "freebsd"
        }

        /// Linux or one of the BSDs.
        public var flavour: Flavour
        /// The value of `AF_INET6` on the platform (Linux 10, NetBSD 24, FreeBSD 28).
        public var inet6Family: UInt16
        /// The order of the host-order fields (the platform's byte order).
        public var hostOrder: PFKeyEndianness

        public init(flavour: Flavour, inet6Family: UInt16? = nil, hostOrder: PFKeyEndianness = .host) {
            self.flavour = flavour
            self.inet6Family = inet6Family ?? Self.defaultInet6Family(flavour)
            self.hostOrder = hostOrder
        }

        /// Linux: `AF_INET6` 10, 16-byte requests, no `sa_len`.
        public static let linux = Wire(flavour: .linux)
        /// NetBSD (and QNX io-pkt): `AF_INET6` 24.
        public static let netBSD = Wire(flavour: .netBSD)
        /// FreeBSD: `AF_INET6` 28.
        public static let freeBSD = Wire(flavour: .freeBSD)

        /// The wire of the kernel this program was built for.
        public static var native: Wire {
            #if os(Linux)
            return .linux
            #elseif os(FreeBSD)
            return .freeBSD
            #else
            return .netBSD
            #endif
        }

        /// The wire a kernel of a model personality speaks (KAME is taken as NetBSD).
        public init(personality: Personality) {
            switch personality {
            case .linux: self = .linux
            case .kame: self = .netBSD
            case .freebsd: self = .freeBSD
            }
        }

        /// The model personality whose dump wording goes with this wire.
        public var personality: Personality {
            switch flavour {
            case .linux: return .linux
            case .netBSD: return .kame
            case .freeBSD: return .freebsd
            }
        }

        static func defaultInet6Family(_ flavour: Flavour) -> UInt16 {
            switch flavour {
            case .linux: return 10
            case .netBSD: return 24
            case .freeBSD: return 28
            }
        }

        /// `AF_INET`, 2 everywhere.
        public var inetFamily: UInt16 { 2 }
        /// Whether sockaddrs begin with a length byte (`sa_len`).
        public var hasSocketAddressLength: Bool { flavour != .linux }
        /// The size of a policy request header (`sadb_x_ipsecrequest`): 16 on Linux, 8 on BSD.
        public var policyRequestHeaderSize: Int { flavour == .linux ? 16 : 8 }
        /// The largest message type the kernel defines (`SADB_MAX`).
        public var maximumMessageType: UInt8 {
            switch flavour {
            case .linux: return 24
            case .netBSD: return 23
            case .freeBSD: return 22
            }
        }
        /// The largest extension type the kernel defines (`SADB_EXT_MAX`).
        public var maximumExtensionType: UInt16 {
            switch flavour {
            case .linux: return 26
            case .netBSD: return 25
            case .freeBSD: return 28
            }
        }

        /// The size of the sockaddr of a family on this wire (16 for IPv4, 28 for IPv6).
        public func socketAddressSize(_ family: AddressFamily) -> Int { family == .inet ? 16 : 28 }

        /// The wire value of a model address family.
        public func familyValue(_ family: AddressFamily) -> UInt16 {
            family == .inet ? inetFamily : inet6Family
        }

        /// The model address family of a wire value, nil for others.
        public func addressFamily(_ value: UInt16) -> AddressFamily? {
            if value == inetFamily { return .inet }
            if value == inet6Family { return .inet6 }
            return nil
        }

        public var description: String { "\(flavour.rawValue) (AF_INET6 \(inet6Family))" }
    }
}
