/// `setkey FILE ...` (positional files, no mode flag): each file holds raw PF_KEY messages
/// (a capture of what a kernel sent), and each is printed as if the kernel had just returned
/// it: error replies as their text, SA and SP records as `-D`/`-DP` print them (dead SAs only
/// with `-a`, ports with `-p`, keys hidden with `--nokeys`, JSON with `--json`), with `-v` the
/// spurious record 0.9.1 decodes after each SA dump record. No backend is opened. Messages
/// are read in this platform's PF_KEY layout.
///
/// A file that cannot be read, is shorter than one header, or holds a message that runs past
/// its end prints `setkey: FILE: <strerror>` after the records before it, and the exit status
/// is 1; setkey stops at the first such file, and so do we.
/// Counterpart: ipsec-tools `fileproc`.
enum MessageFileCommand {
    static func run(_ files: [String], _ inv: Invocation, context: RunContext) -> Int32 {
        let wire = PFKey.Wire.native
        let capabilities = BackendCapabilities(personality: wire.personality, saTypes: [], features: [], algorithms: [:])
        let renderer = OutputSelection.renderer(for: inv, capabilities: capabilities, sink: context.output)
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try FileIO.readFile(file)
            } catch {
                context.errors.write("setkey: \(file): \(error)\n")
                return 1
            }
            let decoded = PFKey.FileDecoder.decode(bytes, wire: wire, includeDead: inv.includeDead,
                                                   withPorts: inv.showPorts, hideKeys: inv.hideKeys)
            for record in decoded.records {
                switch record {
                case .errorLine(let line):
                    renderer.flush()
                    context.output.write(line + "\n")
                case .sa(let sa, let trailer):
                    renderer.getReply(sa)
                    if inv.verbose > 0, let trailer {
                        renderer.flush()
                        context.output.write(trailer)
                    }
                case .policy(let policy):
                    renderer.beginPolicyDump()
                    renderer.policy(policy)
                    renderer.endPolicyDump()
                case .text(let text):
                    renderer.flush()
                    context.output.write(text)
                }
            }
            renderer.flush()
            if let error = decoded.error {
                context.output.flush()
                context.errors.write("setkey: \(file): \(error)\n")
                return 1
            }
        }
        return 0
    }
}
