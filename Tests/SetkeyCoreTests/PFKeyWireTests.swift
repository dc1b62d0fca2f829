import Testing
import SetkeyCore

@Suite struct PFKeyWireTests {
    @Test(arguments: [
        (UInt8(1), "SADB_GETSPI"), (3, "SADB_ADD"), (7, "SADB_REGISTER"), (10, "SADB_DUMP"), (11, "SADB_X_PROMISC"),
        (13, "SADB_X_SPDUPDATE"), (14, "SADB_X_SPDADD"), (18, "SADB_X_SPDDUMP"), (22, "SADB_X_SPDDELETE2"),
        (23, "SADB_X_NAT_T_NEW_MAPPING"), (24, "SADB_X_MIGRATE"),
    ])
    func messageTypeNames(value: UInt8, name: String) throws {
        let t = try #require(PFKey.MessageType(rawValue: value))
        #expect(t.description == name)
        #expect(PFKey.MessageType(name: name) == t)
        #expect(PFKey.MessageType(name: String(name.dropFirst(5))) == t)
    }

    @Test func everyMessageTypeHasAUniqueName() {
        #expect(Set(PFKey.MessageType.allCases.map(\.description)).count == PFKey.MessageType.allCases.count)
        #expect(PFKey.MessageType.allCases.map(\.rawValue) == Array(1...24))
    }

    @Test(arguments: [
        (UInt16(23), PFKey.ExtensionType?.some(.natTOriginalAddress), PFKey.ExtensionType?.some(.natTOriginalAddress),
         PFKey.ExtensionType?.some(.natTOriginalAddress)),
        (24, .securityContext, .natTOriginalResponderAddress, .natTOriginalResponderAddress),
        (25, .kmAddress, .natTFragment, .natTFragment),
        (26, .filter, nil, .saReplay),
        (27, nil, nil, .newAddressSource),
        (28, nil, nil, .newAddressDestination),
    ])
    func numbersThatDifferBetweenKernels(number: UInt16, linux: PFKey.ExtensionType?, netBSD: PFKey.ExtensionType?,
                                         freeBSD: PFKey.ExtensionType?) {
        #expect(PFKey.ExtensionType(number: number, wire: .linux) == linux)
        #expect(PFKey.ExtensionType(number: number, wire: .netBSD) == netBSD)
        #expect(PFKey.ExtensionType(number: number, wire: .freeBSD) == freeBSD)
    }

    @Test(arguments: [PFKey.Wire.linux, .netBSD, .freeBSD])
    func numbersAndTypesAreInverseUpToTheMaximum(wire: PFKey.Wire) throws {
        for n in UInt16(1)...wire.maximumExtensionType {
            let t = try #require(PFKey.ExtensionType(number: n, wire: wire), "\(n)")
            #expect(t.number(on: wire) == n)
        }
        #expect(PFKey.ExtensionType(number: 0, wire: wire) == nil)
        #expect(PFKey.ExtensionType(number: wire.maximumExtensionType + 1, wire: wire) == nil)
    }

    @Test func personalitiesAndFamilies() {
        #expect(PFKey.Wire(personality: .linux) == .linux)
        #expect(PFKey.Wire(personality: .kame).inet6Family == 24)
        #expect(PFKey.Wire(personality: .freebsd).inet6Family == 28)
        #expect(PFKey.Wire.linux.policyRequestHeaderSize == 16 && PFKey.Wire.netBSD.policyRequestHeaderSize == 8)
        #expect(PFKey.Wire(flavour: .netBSD, inet6Family: 26).addressFamily(26) == .inet6)
        #expect(PFKey.Wire.linux.addressFamily(24) == nil)
        #expect(PFKey.Wire.native == .linux)
    }

    @Test func endiannessIsExplicit() throws {
        var w = PFKey.ByteWriter()
        w.write(UInt32(0x01020304), .big)
        w.write(UInt32(0x01020304), .little)
        w.write(UInt64(1), .big)
        #expect(w.bytes == [1, 2, 3, 4, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1])
        var r = PFKey.ByteReader(w.bytes)
        #expect(try r.readUInt32(.big) == 0x01020304)
        #expect(try r.readUInt32(.little) == 0x01020304)
        #expect(try r.readUInt64(.big) == 1)
        #expect(throws: PFKey.DecodingError.self) { try r.readUInt8() }
    }
}
