// libFuzzer target for the PF_KEY decoder. Build and run (see notes/swift-on-this-machine.md):
//   swift build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --product setkey-fuzz-pfkey
//   SWIFT_BACKTRACE=enable=no .build/release/setkey-fuzz-pfkey -runs=1000000 CORPUS_DIR
// A plain `swift build` makes the same executable a replayer: `setkey-fuzz-pfkey FILE...`.
#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

/// Everything that reads PF_KEY bytes from outside, run on one input with every wire. Besides
/// "never crashes" it checks the codec's promise: a message that decodes encodes back to the
/// same bytes, and the model values decoded from it encode and decode again.
enum PFKeyFuzzCheck {
    static func run(_ bytes: [UInt8]) {
        for wire in [PFKey.Wire.linux, .netBSD, .freeBSD] {
            let decoder = PFKey.ModelDecoder(wire: wire)
            if let m = try? PFKey.Message(decoding: bytes, wire: wire) {
                guard let again = try? m.encoded(for: wire), again == bytes else {
                    fatalError("decode/encode is not an inverse on \(wire) for \(bytes)")
                }
                modelRoundTrip(m, decoder: decoder, wire: wire)
                _ = decoder.supportedAlgorithms(m)
            }
            _ = PFKey.DebugPrinter.text(bytes, wire: wire)
            _ = PFKey.StructureCheck.failure(bytes, wire: wire)
            _ = PFKey.FileDecoder.decode(bytes, wire: wire, includeDead: true, withPorts: true)
            _ = PFKey.Message.decodeAll(bytes, wire: wire)
            _ = decoder.event(bytes, seconds: 0, microseconds: 0)
            _ = PFKey.MonitorRecord.text(bytes, seconds: 0, microseconds: 0, style: .epoch, hex: true, wire: wire)
        }
    }

    static func modelRoundTrip(_ m: PFKey.Message, decoder: PFKey.ModelDecoder, wire: PFKey.Wire) {
        let kernel = PFKey.KernelReplyBuilder(wire: wire)
        let requests = PFKey.RequestBuilder(wire: wire, pid: m.pid)
        if let sa = try? decoder.securityAssociation(m) {
            for out in [kernel.saMessage(sa), requests.add(sa), requests.get(sa.identity)] {
                if let bytes = try? out.encoded(for: wire) {
                    guard (try? PFKey.Message(decoding: bytes, wire: wire)) == out else {
                        fatalError("an encoded SA message does not decode to itself on \(wire)")
                    }
                }
            }
        }
        if let p = try? decoder.securityPolicy(m) {
            for out in [kernel.policyMessage(p), requests.spdAdd(p), requests.spdDelete(p.identity)] {
                if let bytes = try? out.encoded(for: wire) {
                    guard (try? PFKey.Message(decoding: bytes, wire: wire)) == out else {
                        fatalError("an encoded policy message does not decode to itself on \(wire)")
                    }
                }
            }
        }
    }
}

/// The libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPFKeyDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else {
        PFKeyFuzzCheck.run([])
        return 0
    }
    PFKeyFuzzCheck.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if !FUZZING
/// Without libFuzzer: replays the files named on the command line (crash reproducers).
@main
struct FuzzPFKeyDecoderReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let f = fopen(path, "rb") else {
                print("\(path): cannot open")
                continue
            }
            var bytes = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&chunk, 1, chunk.count, f)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            fclose(f)
            PFKeyFuzzCheck.run(bytes)
            print("\(path): \(bytes.count) bytes, no crash")
        }
    }
}
#endif
