import SetkeyCore
@testable import SetkeyPFKey

/// A PF_KEY "kernel" for unit tests: records what is sent and answers through a closure,
/// whose replies become readable in order. Messages can also be queued by hand (other
/// processes' broadcasts, leftovers).
final class ScriptedKernel: PFKeyTransport {
    let wire: PFKey.Wire
    var sent: [PFKey.Message] = []
    var queue: [[UInt8]] = []
    var answer: (PFKey.Message) -> [PFKey.Message]
    var closed = false
    var timeouts: [Double?] = []

    init(wire: PFKey.Wire = .linux, answer: @escaping (PFKey.Message) -> [PFKey.Message] = ScriptedKernel.linuxLike) {
        self.wire = wire
        self.answer = answer
    }

    func send(_ message: [UInt8]) throws(BackendError) {
        guard let m = try? PFKey.Message(decoding: message, wire: wire) else {
            throw .malformedReply("the scripted kernel could not decode what was sent")
        }
        sent.append(m)
        for reply in answer(m) { queue.append(try! reply.encoded(for: wire)) }
    }

    func receive(waiting: Bool) throws(BackendError) -> [UInt8]? {
        queue.isEmpty ? nil : queue.removeFirst()
    }

    func setReceiveTimeout(_ seconds: Double?) throws(BackendError) { timeouts.append(seconds) }

    func close() { closed = true }

    /// The request's header echoed back (seq, pid), with `errno` when given.
    static func echo(_ m: PFKey.Message, errno: Errno? = nil, extensions: [PFKey.Extension] = []) -> PFKey.Message {
        PFKey.Message(type: m.type, saType: m.saType, sequence: m.sequence, pid: m.pid,
                      errno: UInt8(truncatingIfNeeded: errno?.rawValue ?? 0), extensions: extensions)
    }

    /// REGISTER gets hmac-sha1 and aes-cbc; every other request an empty echo, dumps ENOENT.
    static func linuxLike(_ m: PFKey.Message) -> [PFKey.Message] {
        switch m.type {
        case .register:
            return [echo(m, extensions: [
                .supported(.authentication, PFKey.SupportedExtension(algorithms: [
                    PFKey.SupportedAlgorithm(id: 3, ivLength: 0, minimumBits: 160, maximumBits: 160)])),
                .supported(.encryption, PFKey.SupportedExtension(algorithms: [
                    PFKey.SupportedAlgorithm(id: 12, ivLength: 8, minimumBits: 128, maximumBits: 256)])),
            ])]
        case .dump, .spdDump: return [echo(m, errno: .noSuchFileOrDirectory)]
        default: return [echo(m)]
        }
    }
}
