import CXFRM

/// The vocabulary of Linux XFRM netlink as this backend uses it: message types, attribute
/// types, modes and the kernel's spellings for logs.
/// Counterpart: `<linux/xfrm.h>` (`XFRM_MSG_*`, `XFRMA_*`, `XFRM_MODE_*`).
public enum XFRM {
    /// A netlink message type of the XFRM family.
    /// Counterpart: `XFRM_MSG_*`.
    public struct MessageType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        init(_ value: Int) { rawValue = UInt16(truncatingIfNeeded: value) }

        public static let newSA = MessageType(Int(XFRM_MSG_NEWSA))
        public static let deleteSA = MessageType(Int(XFRM_MSG_DELSA))
        public static let getSA = MessageType(Int(XFRM_MSG_GETSA))
        public static let newPolicy = MessageType(Int(XFRM_MSG_NEWPOLICY))
        public static let deletePolicy = MessageType(Int(XFRM_MSG_DELPOLICY))
        public static let getPolicy = MessageType(Int(XFRM_MSG_GETPOLICY))
        public static let allocateSPI = MessageType(Int(XFRM_MSG_ALLOCSPI))
        public static let acquire = MessageType(Int(XFRM_MSG_ACQUIRE))
        public static let expire = MessageType(Int(XFRM_MSG_EXPIRE))
        public static let updatePolicy = MessageType(Int(XFRM_MSG_UPDPOLICY))
        public static let updateSA = MessageType(Int(XFRM_MSG_UPDSA))
        public static let policyExpire = MessageType(Int(XFRM_MSG_POLEXPIRE))
        public static let flushSA = MessageType(Int(XFRM_MSG_FLUSHSA))
        public static let flushPolicy = MessageType(Int(XFRM_MSG_FLUSHPOLICY))
        public static let newAsyncEvent = MessageType(Int(XFRM_MSG_NEWAE))
        public static let getAsyncEvent = MessageType(Int(XFRM_MSG_GETAE))
        public static let report = MessageType(Int(XFRM_MSG_REPORT))
        public static let migrate = MessageType(Int(XFRM_MSG_MIGRATE))
        public static let newSADInfo = MessageType(Int(XFRM_MSG_NEWSADINFO))
        public static let getSADInfo = MessageType(Int(XFRM_MSG_GETSADINFO))
        public static let newSPDInfo = MessageType(Int(XFRM_MSG_NEWSPDINFO))
        public static let getSPDInfo = MessageType(Int(XFRM_MSG_GETSPDINFO))
        public static let mapping = MessageType(Int(XFRM_MSG_MAPPING))
        /// The netlink control messages that share the type space.
        public static let error = MessageType(Int(NLMSG_ERROR))
        public static let done = MessageType(Int(NLMSG_DONE))
        public static let noop = MessageType(Int(NLMSG_NOOP))
        public static let overrun = MessageType(Int(NLMSG_OVERRUN))

        /// Every type with its kernel spelling, for logs and monitor events.
        static let names: [(MessageType, String)] = [
            (.noop, "NLMSG_NOOP"), (.error, "NLMSG_ERROR"), (.done, "NLMSG_DONE"), (.overrun, "NLMSG_OVERRUN"),
            (.newSA, "XFRM_MSG_NEWSA"), (.deleteSA, "XFRM_MSG_DELSA"), (.getSA, "XFRM_MSG_GETSA"),
            (.newPolicy, "XFRM_MSG_NEWPOLICY"), (.deletePolicy, "XFRM_MSG_DELPOLICY"),
            (.getPolicy, "XFRM_MSG_GETPOLICY"), (.allocateSPI, "XFRM_MSG_ALLOCSPI"),
            (.acquire, "XFRM_MSG_ACQUIRE"), (.expire, "XFRM_MSG_EXPIRE"), (.updatePolicy, "XFRM_MSG_UPDPOLICY"),
            (.updateSA, "XFRM_MSG_UPDSA"), (.policyExpire, "XFRM_MSG_POLEXPIRE"), (.flushSA, "XFRM_MSG_FLUSHSA"),
            (.flushPolicy, "XFRM_MSG_FLUSHPOLICY"), (.newAsyncEvent, "XFRM_MSG_NEWAE"),
            (.getAsyncEvent, "XFRM_MSG_GETAE"), (.report, "XFRM_MSG_REPORT"), (.migrate, "XFRM_MSG_MIGRATE"),
            (.newSADInfo, "XFRM_MSG_NEWSADINFO"), (.getSADInfo, "XFRM_MSG_GETSADINFO"),
            (.newSPDInfo, "XFRM_MSG_NEWSPDINFO"), (.getSPDInfo, "XFRM_MSG_GETSPDINFO"),
            (.mapping, "XFRM_MSG_MAPPING"),
        ]

        /// `XFRM_MSG_NEWSA` style name, or the number when unknown.
        public var description: String {
            Self.names.first { $0.0 == self }?.1 ?? "XFRM_MSG_\(rawValue)"
        }
    }

    /// An attribute type of an XFRM message.
    /// Counterpart: `XFRMA_*` (`enum xfrm_attr_type_t`).
    public struct AttributeType: RawRepresentable, Sendable, Hashable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        init(_ value: xfrm_attr_type_t) { rawValue = UInt16(truncatingIfNeeded: value.rawValue) }

        public static let authentication = AttributeType(XFRMA_ALG_AUTH)
        public static let encryption = AttributeType(XFRMA_ALG_CRYPT)
        public static let compression = AttributeType(XFRMA_ALG_COMP)
        public static let encapsulation = AttributeType(XFRMA_ENCAP)
        public static let templates = AttributeType(XFRMA_TMPL)
        public static let sa = AttributeType(XFRMA_SA)
        public static let policy = AttributeType(XFRMA_POLICY)
        public static let securityContext = AttributeType(XFRMA_SEC_CTX)
        public static let lastUsed = AttributeType(XFRMA_LASTUSED)
        public static let policyType = AttributeType(XFRMA_POLICY_TYPE)
        public static let aead = AttributeType(XFRMA_ALG_AEAD)
        public static let truncatedAuthentication = AttributeType(XFRMA_ALG_AUTH_TRUNC)
        public static let mark = AttributeType(XFRMA_MARK)
        public static let proto = AttributeType(XFRMA_PROTO)
        public static let addressFilter = AttributeType(XFRMA_ADDRESS_FILTER)
        public static let interfaceID = AttributeType(XFRMA_IF_ID)
        /// The highest type this build knows (`XFRMA_MAX`); later types are skipped.
        public static let maximum = AttributeType(rawValue: UInt16(CXFRM_ATTRIBUTE_MAX))
    }

    /// `XFRM_MODE_*`.
    enum Mode {
        static let transport = UInt8(XFRM_MODE_TRANSPORT)
        static let tunnel = UInt8(XFRM_MODE_TUNNEL)
        static let beet = UInt8(XFRM_MODE_BEET)
    }

    /// `XFRM_STATE_*` flags of `xfrm_usersa_info.flags`.
    enum StateFlag {
        static let noECN = UInt8(XFRM_STATE_NOECN)
        static let decapsulateDSCP = UInt8(XFRM_STATE_DECAP_DSCP)
        static let noPMTUDiscovery = UInt8(XFRM_STATE_NOPMTUDISC)
    }

    /// `XFRMGRP_*`: the legacy multicast group bits `monitor` binds to.
    enum Group {
        static let acquire: UInt32 = UInt32(XFRMGRP_ACQUIRE)
        static let expire: UInt32 = UInt32(XFRMGRP_EXPIRE)
        static let sa: UInt32 = UInt32(XFRMGRP_SA)
        static let policy: UInt32 = UInt32(XFRMGRP_POLICY)
    }

    /// `IPSEC_PROTO_ANY` (255): every IPsec protocol, as `flush;` asks af_key for.
    static let anyIPsecProtocol: UInt8 = 255
    /// `IPSEC_MANUAL_REQID_MAX`: larger `unique:N` ids are replaced by automatic ones.
    static let manualRequestIDMaximum: UInt32 = 0x3fff
    /// "No limit" in `xfrm_lifetime_cfg`.
    static let infinity: UInt64 = CXFRM_INF
}
