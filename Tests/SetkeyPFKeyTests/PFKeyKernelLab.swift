#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore
@testable import SetkeyPFKey

/// Shared pieces of the kernel-lab tests: where the reference outputs are, where captured
/// messages go, the backend over a real socket, and the normalisation of run-dependent text.
enum PFKeyKernelLab {
    /// Set by Tests/KernelLab/pfkey-kernel-tests.sh inside the VM.
    static var enabled: Bool { getenv("PFKEY_KERNEL_LAB") != nil }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// A backend on a fresh PF_KEY socket (in the calling thread's namespace).
    static func backend() throws -> PFKeyBackend { try PFKeyBackend(context: BackendContext()) }

    /// The ipsec-tools output named `name` (`sa-variety.D`), from `PFKEY_REFERENCE_DIR`.
    static func reference(_ name: String) -> String? {
        guard let dir = environment("PFKEY_REFERENCE_DIR"), let f = fopen("\(dir)/\(name).stdout", "rb") else { return nil }
        defer { fclose(f) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Dates, `diff:` seconds and pids differ from run to run, and so does a policy's
    /// `refcnt=`: Linux holds an extra reference while the policy's one-second timer armed at
    /// insertion is pending.
    static func normalised(_ text: String) -> String {
        var out = [String]()
        for var line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("\trefcnt=") { line = "\trefcnt=N" }
            line = replacingDates(line)
            line = replacingNumber(after: "\tdiff: ", in: line)
            line = replacingNumber(after: " pid=", in: line)
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func replacingNumber(after key: String, in line: String) -> String {
        let chars = Array(line), k = Array(key)
        guard k.count <= chars.count else { return line }
        for start in 0...(chars.count - k.count) where Array(chars[start..<start + k.count]) == k {
            var end = start + k.count
            while end < chars.count, chars[end].isNumber { end += 1 }
            return String(chars[..<(start + k.count)]) + "N" + String(chars[end...])
        }
        return line
    }

    /// `Dec  3 18:32:04 2026` → `DATE`.
    static func replacingDates(_ line: String) -> String {
        let chars = Array(line)
        var i = 0
        var out = ""
        while i < chars.count {
            if i + 20 <= chars.count, isDate(chars[i..<i + 20]) {
                out += "DATE"
                i += 20
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    static func isDate(_ c: ArraySlice<Character>) -> Bool {
        let s = Array(c)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard months.contains(String(s[0..<3])), s[3] == " ", s[6] == " ", s[9] == ":", s[12] == ":", s[15] == " " else {
            return false
        }
        return [4, 7, 8, 10, 11, 13, 14, 16, 17, 18, 19].allSatisfy { s[$0].isNumber } || (s[4] == " " && s[5].isNumber)
    }

    /// Keeps a text in `PFKEY_CAPTURE_DIR` (what a comparison saw, for diffing on the host).
    static func save(_ text: String, as name: String) {
        guard let dir = environment("PFKEY_CAPTURE_DIR"), let f = fopen("\(dir)/\(name)", "wb") else { return }
        fputs(text, f)
        fclose(f)
    }

    /// Writes captured messages, one hex line each after a comment, to
    /// `PFKEY_CAPTURE_DIR/name.hex` (the fixtures of PFKeyKernelFixtureTests).
    static func capture(_ messages: [[UInt8]], as name: String, comment: String) {
        guard let dir = environment("PFKEY_CAPTURE_DIR"), let f = fopen("\(dir)/\(name).hex", "wb") else { return }
        defer { fclose(f) }
        var text = comment.split(separator: "\n").map { "# \($0)\n" }.joined()
        for m in messages {
            text += m.map { String($0 >> 4, radix: 16) + String($0 & 0xf, radix: 16) }.joined() + "\n"
        }
        fputs(text, f)
    }
}

/// A transport that keeps every message going through it.
final class CapturingTransport: PFKeyTransport {
    let inner: any PFKeyTransport
    var sent: [[UInt8]] = []
    var received: [[UInt8]] = []

    init(_ inner: any PFKeyTransport) { self.inner = inner }

    func send(_ message: [UInt8]) throws(BackendError) {
        sent.append(message)
        try inner.send(message)
    }

    func receive(waiting: Bool) throws(BackendError) -> [UInt8]? {
        let m = try inner.receive(waiting: waiting)
        if let m { received.append(m) }
        return m
    }

    func setReceiveTimeout(_ seconds: Double?) throws(BackendError) { try inner.setReceiveTimeout(seconds) }

    func close() { inner.close() }
}
