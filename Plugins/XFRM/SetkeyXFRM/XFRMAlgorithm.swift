import CXFRM
import SetkeyCore

/// One algorithm attribute of an SA: its kernel name, key and, for authentication and AEAD,
/// the ICV length. Its encoded form is the struct with a flexible key array that Swift cannot
/// import (`xfrm_algo`, `xfrm_algo_auth`, `xfrm_algo_aead`).
/// Counterpart: `XFRMA_ALG_CRYPT`, `XFRMA_ALG_AUTH_TRUNC`, `XFRMA_ALG_AEAD`, `XFRMA_ALG_COMP`.
struct XFRMAlgorithm: Equatable {
    /// Which attribute carries it.
    enum Slot: Equatable {
        /// `XFRMA_ALG_CRYPT` (`xfrm_algo`).
        case encryption
        /// `XFRMA_ALG_AUTH_TRUNC` (`xfrm_algo_auth`) with the ICV length in bits.
        case authentication(truncationBits: UInt32)
        /// `XFRMA_ALG_AEAD` (`xfrm_algo_aead`) with the ICV length in bits.
        case aead(icvBits: UInt32)
        /// `XFRMA_ALG_COMP` (`xfrm_algo`, no key).
        case compression
    }

    var slot: Slot
    /// The crypto API name (`cbc(aes)`), at most 63 bytes.
    var name: String
    /// The key (empty for `null` and compression).
    var key: SAKey

    /// The attribute type that carries this algorithm.
    var attributeType: XFRM.AttributeType {
        switch slot {
        case .encryption: return .encryption
        case .authentication: return .truncatedAuthentication
        case .aead: return .aead
        case .compression: return .compression
        }
    }

    /// The size of the fixed part before the key.
    var headerSize: Int {
        switch slot {
        case .encryption, .compression: return Int(CXFRM_ALGO_SIZE)
        case .authentication: return Int(CXFRM_ALGO_AUTH_SIZE)
        case .aead: return Int(CXFRM_ALGO_AEAD_SIZE)
        }
    }

    /// The attribute payload: `alg_name[64]`, `alg_key_len` (bits, host order), the ICV or
    /// truncation length for auth/AEAD (host order), then the key bytes.
    var encoded: [UInt8] {
        var out = [UInt8](repeating: 0, count: headerSize + key.count)
        out.withUnsafeMutableBytes { raw in
            let nameBytes = Array(name.utf8.prefix(Int(CXFRM_ALGO_NAME_SIZE) - 1))
            raw.copyBytes(from: nameBytes)
            raw.storeBytes(of: UInt32(key.bitCount), toByteOffset: Int(CXFRM_ALGO_NAME_SIZE), as: UInt32.self)
            switch slot {
            case .authentication(let bits), .aead(let bits):
                raw.storeBytes(of: bits, toByteOffset: Int(CXFRM_ALGO_NAME_SIZE) + 4, as: UInt32.self)
            case .encryption, .compression:
                break
            }
            key.withUnsafeBytes { k in
                if k.count > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: raw[headerSize...]).copyMemory(from: k)
                }
            }
        }
        return out
    }
}

/// Maps the model's algorithms to kernel algorithm attributes the way af_key does for
/// setkey (`pfkey_msg2xfrm_state`), and back.
enum XFRMAlgorithmMapping {
    /// The attributes for an SA's `-E`, `-A` and `-C` choices.
    /// - Throws: `unsupported` (ENOSYS, as af_key answers) for an algorithm without a Linux
    ///   kernel name.
    static func attributes(for sa: SecurityAssociation) throws(BackendError) -> [XFRMAlgorithm] {
        var out = [XFRMAlgorithm]()
        if let enc = sa.encryption {
            let d = try descriptor(for: enc)
            if d.isAEAD {
                let icv = enc.icvBits ?? d.linuxICVBits ?? 128
                out.append(XFRMAlgorithm(slot: .aead(icvBits: icv), name: try linuxName(d, enc), key: enc.key))
            } else {
                out.append(XFRMAlgorithm(slot: .encryption, name: try linuxName(d, enc), key: enc.key))
            }
        }
        if let auth = sa.authentication {
            let d = try descriptor(for: auth)
            let bits = auth.icvBits ?? d.linuxICVBits ?? 0
            out.append(XFRMAlgorithm(slot: .authentication(truncationBits: bits), name: try linuxName(d, auth),
                                     key: auth.key))
        }
        if let comp = sa.compression {
            let d = try descriptor(for: comp)
            out.append(XFRMAlgorithm(slot: .compression, name: try linuxName(d, comp), key: .empty))
        }
        return out
    }

    /// The catalogue row for `alg`, after setkey's REGISTER check of the key length: Linux's
    /// table gives each algorithm a range (hmac-sha256: 256 bits exactly) and setkey refuses a
    /// key outside it before sending, although the kernel's HMACs would take any length.
    private static func descriptor(for alg: KeyedAlgorithm) throws(BackendError) -> AlgorithmDescriptor {
        guard let d = AlgorithmCatalogue.descriptor(for: alg.id, personality: .linux) else {
            throw .unsupported("\(alg.id) is not a Linux kernel algorithm", .notImplemented)
        }
        if alg.kernelName == nil, d.kind != .compression, !d.keyBits.contains(alg.key.bitCount) {
            throw .kernelRejected(.invalidArgument,
                                  detail: "invalid key length: \(d.canonicalName) takes \(d.keyBits) bits, not \(alg.key.bitCount)")
        }
        return d
    }

    private static func linuxName(_ d: AlgorithmDescriptor, _ alg: KeyedAlgorithm) throws(BackendError) -> String {
        if let name = alg.kernelName { return name }
        guard let name = d.linuxName else {
            throw .unsupported("\(d.canonicalName) has no Linux kernel name", .notImplemented)
        }
        return name
    }

    /// The model algorithm for a kernel name. The ICV length is kept only when it differs
    /// from what setkey on Linux uses (`linuxICVBits`); names the catalogue does not know keep
    /// the kernel's spelling with PF_KEY number 0 (af_key reports 0 for them too).
    static func model(kind: AlgorithmKind, name: String, key: SAKey, icvBits: UInt32?) -> KeyedAlgorithm {
        guard let d = AlgorithmCatalogue.descriptor(linuxName: name, kind: kind, icvBits: icvBits) else {
            return KeyedAlgorithm(id: AlgorithmID(kind, 0), key: key, icvBits: icvBits, kernelName: name)
        }
        let icv: UInt32? = (icvBits == nil || icvBits == d.linuxICVBits) ? nil : icvBits
        return KeyedAlgorithm(id: d.id, key: key, icvBits: icv)
    }
}
