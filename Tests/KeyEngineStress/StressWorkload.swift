import KeyEngine
import SetkeyCore

/// The statements the crash, concurrency and benchmark runs apply: statement `i` adds an
/// ESP SA with SPI 0x10000 + i when `i` is even and a policy for 10.(i>>16).(i>>8).i/32
/// when it is odd, so both tables and both record kinds are exercised. The tests rebuild
/// the same statements to check what survived.
enum StressWorkload {
    static let source = IPAddress(ipv4: 0xC000_0201)       // 192.0.2.1
    static let destination = IPAddress(ipv4: 0xC000_0202)  // 192.0.2.2
    static let key = SAKey((0..<16).map { UInt8($0) })

    static func sa(_ i: Int) -> SecurityAssociation {
        SecurityAssociation(source: source, destination: destination, type: .esp, spi: SPI(0x10000 + UInt32(i)),
                            encryption: KeyedAlgorithm(id: AlgorithmID(.encryption, 12), key: key))
    }

    static func policy(_ i: Int) -> SecurityPolicy {
        let host = IPAddress(ipv4: 0x0A00_0000 | UInt32(i & 0xff_ffff))
        let selector = PolicySelector(source: IPPrefix(source), destination: IPPrefix(host))
        return SecurityPolicy(selector: selector, direction: .outbound, action: .ipsec,
                              requests: [IPsecRequest(proto: .esp, mode: .transport, level: .require)])
    }

    static func change(_ i: Int, policies: Bool) -> EngineChange {
        policies && i % 2 == 1 ? .addPolicy(policy(i)) : .addSA(sa(i))
    }
}
