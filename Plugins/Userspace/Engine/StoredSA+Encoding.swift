import SetkeyCore

// Stored SAs in the journal and snapshot. A presence byte says which optional parts follow,
// so an SA without lifetimes, NAT-T or context costs nothing for them.

private enum SAParts {
    static let encryption: UInt8 = 1 << 0
    static let authentication: UInt8 = 1 << 1
    static let compression: UInt8 = 1 << 2
    static let natTraversal: UInt8 = 1 << 3
    static let securityContext: UInt8 = 1 << 4
    static let hardLifetime: UInt8 = 1 << 5
    static let softLifetime: UInt8 = 1 << 6
    static let all: UInt8 = 0x7f
}

extension ByteWriter {
    mutating func storedSA(_ e: StoredSA) {
        varint(e.serial)
        u8(e.state.rawValue)
        varint(e.stateSince)
        varint(e.created)
        varint(e.firstUse)
        varint(e.bytes)
        varint(e.packets)
        securityAssociation(e.sa)
    }

    mutating func securityAssociation(_ sa: SecurityAssociation) {
        var parts: UInt8 = 0
        if sa.encryption != nil { parts |= SAParts.encryption }
        if sa.authentication != nil { parts |= SAParts.authentication }
        if sa.compression != nil { parts |= SAParts.compression }
        if sa.natTraversal != nil { parts |= SAParts.natTraversal }
        if sa.securityContext != nil { parts |= SAParts.securityContext }
        if !sa.hardLifetime.isZero { parts |= SAParts.hardLifetime }
        if !sa.softLifetime.isZero { parts |= SAParts.softLifetime }
        u8(parts)
        address(sa.source)
        address(sa.destination)
        varint(sa.sourcePort)
        varint(sa.destinationPort)
        u8(sa.type.rawValue)
        u32LE(sa.spi.rawValue)
        u8(sa.mode.rawValue)
        varint(sa.reqid.rawValue)
        varint(sa.replayWindow)
        varint(sa.flags.rawValue)
        if let a = sa.encryption { algorithm(a) }
        if let a = sa.authentication { algorithm(a) }
        if let a = sa.compression { algorithm(a) }
        if let n = sa.natTraversal { natTraversal(n) }
        if let c = sa.securityContext { securityContext(c) }
        if !sa.hardLifetime.isZero { lifetime(sa.hardLifetime) }
        if !sa.softLifetime.isZero { lifetime(sa.softLifetime) }
    }

    private mutating func natTraversal(_ n: NATTraversal) {
        u8(n.type)
        varint(n.sourcePort)
        varint(n.destinationPort)
        varint(n.fragmentSize)
        u8((n.originalAddress != nil ? 1 : 0) | (n.originalResponderAddress != nil ? 2 : 0))
        if let a = n.originalAddress { address(a) }
        if let a = n.originalResponderAddress { address(a) }
    }
}

extension ByteReader {
    mutating func storedSA() throws(DecodeFailure) -> StoredSA {
        let serial = try varint("serial")
        let state = try enumeration(SAState.self, "SA state")
        let since = try varint("state time")
        let created = try varint("creation time")
        let firstUse = try varint("first use")
        let bytes = try varint("byte counter")
        let packets = try varint("packet counter")
        return StoredSA(serial: serial, sa: try securityAssociation(), state: state, stateSince: since,
                        created: created, firstUse: firstUse, bytes: bytes, packets: packets)
    }

    mutating func securityAssociation() throws(DecodeFailure) -> SecurityAssociation {
        let partsAt = position
        let parts = try u8("SA parts")
        guard parts & ~SAParts.all == 0 else { throw DecodeFailure(offset: partsAt, reason: "unknown SA parts \(parts)") }
        var sa = SecurityAssociation(source: try address(), destination: try address(), type: .esp, spi: SPI(0))
        sa.sourcePort = try varint16("port")
        sa.destinationPort = try varint16("port")
        sa.type = try enumeration(SAType.self, "SA type")
        sa.spi = SPI(try u32LE("SPI"))
        sa.mode = try enumeration(IPsecMode.self, "mode")
        sa.reqid = RequestID(try varint32("reqid"))
        sa.replayWindow = try varint32("replay window")
        sa.flags = SAFlags(rawValue: try varint32("SA flags"))
        if parts & SAParts.encryption != 0 { sa.encryption = try algorithm() }
        if parts & SAParts.authentication != 0 { sa.authentication = try algorithm() }
        if parts & SAParts.compression != 0 { sa.compression = try algorithm() }
        if parts & SAParts.natTraversal != 0 { sa.natTraversal = try natTraversal() }
        if parts & SAParts.securityContext != 0 { sa.securityContext = try securityContext() }
        if parts & SAParts.hardLifetime != 0 { sa.hardLifetime = try lifetime() }
        if parts & SAParts.softLifetime != 0 { sa.softLifetime = try lifetime() }
        return sa
    }

    private mutating func natTraversal() throws(DecodeFailure) -> NATTraversal {
        var n = NATTraversal(type: try u8("NAT-T type"))
        n.sourcePort = try varint16("NAT-T port")
        n.destinationPort = try varint16("NAT-T port")
        n.fragmentSize = try varint16("NAT-T fragment size")
        let at = position
        let present = try u8("NAT-T addresses")
        guard present & ~3 == 0 else { throw DecodeFailure(offset: at, reason: "unknown NAT-T address flags") }
        if present & 1 != 0 { n.originalAddress = try address() }
        if present & 2 != 0 { n.originalResponderAddress = try address() }
        return n
    }
}
