@testable import KeyEngine
import SetkeyCore
import Testing

/// The kernel's checks on SAs (reference 5.7, 6.2), table-driven.
@Suite struct SAValidatorTests {
    static func validator(_ p: Personality) -> SAValidator { SAValidator(algorithms: AlgorithmSupport(personality: p)) }

    @Test(arguments: [128, 192, 256])
    func aesCBCAcceptsItsThreeKeySizes(bits: Int) {
        var sa = espSA(spi: 0x1000)
        sa.encryption = KeyedAlgorithm(id: aesCBC, key: key(bytes: bits / 8))
        #expect(Self.validator(.linux).check(sa) == nil)
    }

    @Test(arguments: [0, 120, 160, 200, 264])
    func aesCBCRefusesOtherKeySizesWithEINVAL(bits: Int) {
        var sa = espSA(spi: 0x1000)
        sa.encryption = KeyedAlgorithm(id: aesCBC, key: key(bytes: bits / 8))
        let f = Self.validator(.linux).check(sa)
        #expect(f?.errno == .invalidArgument)
        #expect(f?.detail?.contains("\(bits)-bit") == true)
    }

    @Test func espWithoutEncryptionIsEINVAL() {
        var sa = espSA(spi: 0x1000)
        sa.encryption = nil
        sa.authentication = KeyedAlgorithm(id: hmacSHA256, key: key(bytes: 32))
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
    }

    @Test func ahWithoutAuthenticationIsEINVAL() {
        var sa = ahSA(spi: 0x1000)
        sa.authentication = nil
        #expect(Self.validator(.kame).check(sa)?.errno == .invalidArgument)
    }

    @Test func ahWithEncryptionIsEINVAL() {
        var sa = ahSA(spi: 0x1000)
        sa.encryption = KeyedAlgorithm(id: aesCBC, key: key(bytes: 16))
        #expect(Self.validator(.kame).check(sa)?.errno == .invalidArgument)
    }

    @Test func espWithNullEncryptionAndNoKeyIsFine() {
        var sa = espSA(spi: 0x1000)
        sa.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 11))
        #expect(Self.validator(.linux).check(sa) == nil)
        sa.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 11), key: key(bytes: 4))
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
    }

    @Test func unsupportedAlgorithmIsENOSYSOnLinuxAndEINVALOnKAME() {
        var sa = espSA(spi: 0x1000)
        sa.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 20), key: key(bytes: 20))  // aes-gcm-16
        #expect(Self.validator(.linux).check(sa)?.errno == .notImplemented)
        #expect(Self.validator(.kame).check(sa) == nil)
        sa.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 99), key: key(bytes: 16))
        #expect(Self.validator(.kame).check(sa)?.errno == .invalidArgument)
    }

    @Test func aeadCipherRefusesASeparateAuthenticator() {
        var sa = espSA(spi: 0x1000)
        sa.encryption = KeyedAlgorithm(id: AlgorithmID(.encryption, 20), key: key(bytes: 20))
        sa.authentication = KeyedAlgorithm(id: hmacSHA256, key: key(bytes: 32))
        #expect(Self.validator(.kame).check(sa)?.errno == .invalidArgument)
    }

    @Test func linuxNeedsBothLifetimesOrNeither() {
        var sa = espSA(spi: 0x1000)
        sa.hardLifetime = Lifetime(addTime: 10)
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
        #expect(Self.validator(.kame).check(sa) == nil)
        sa.softLifetime = Lifetime(bytes: 1000)
        #expect(Self.validator(.linux).check(sa) == nil)
    }

    @Test func tcpSignatureSAsExistOnlyOnKAME() {
        let sa = SecurityAssociation(source: address("192.0.2.1"), destination: address("192.0.2.2"),
                                     type: .tcpSignature, spi: SPI(0x1000),
                                     authentication: KeyedAlgorithm(id: AlgorithmID(.authentication, 252),
                                                                    key: key(bytes: 10)))
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
        #expect(Self.validator(.kame).check(sa) == nil)
    }

    @Test func ipcompNeedsCompressionAndA16BitCPI() {
        var sa = SecurityAssociation(source: address("192.0.2.1"), destination: address("192.0.2.2"), type: .ipcomp,
                                     spi: SPI(0x1000), compression: KeyedAlgorithm(id: AlgorithmID(.compression, 2)))
        #expect(Self.validator(.linux).check(sa) == nil)
        sa.spi = SPI(0x10000)
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
        sa.spi = SPI(2)
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
        sa.flags.insert(.rawCPI)
        #expect(Self.validator(.linux).check(sa) == nil, "-R asks for a well-known CPI")
    }

    @Test func natTraversalIsForESPOnly() {
        var sa = ahSA(spi: 0x1000)
        sa.natTraversal = NATTraversal()
        #expect(Self.validator(.linux).check(sa)?.errno == .invalidArgument)
        var esp = espSA(spi: 0x1000)
        esp.natTraversal = NATTraversal()
        #expect(Self.validator(.linux).check(esp) == nil)
    }

    @Test func mixedAddressFamiliesAreEINVAL() {
        let sa = espSA(spi: 0x1000, source: "192.0.2.1", destination: "2001:db8::1")
        #expect(Self.validator(.kame).check(sa)?.errno == .invalidArgument)
    }
}
