// xfrm-bench: drives the xfrm backend directly, for Benchmarks/xfrm/run.sh, until the setkey
// CLI can take its place. Not installed, not a test.
//
//   xfrm-bench apply N   install N policies (10.0.0.0+i -> 11.0.0.0+i, out, esp/transport//require)
//   xfrm-bench file F    parse the setkey script F and apply its statements (no fwd copies, no
//                        queries: what `setkey -f F` does for a script of spdadd/add lines)
//   xfrm-bench dump      dump the SPD, print the number of policies
//   xfrm-bench dumptext  dump the SPD and print it as `setkey -DP` does (the classic renderer)
#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore
import SetkeyXFRM

func fail(_ text: String) -> Never {
    let line = "xfrm-bench: \(text)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    exit(1)
}

/// The i-th benchmark policy (same selectors as run.sh writes for setkey and ip).
func policy(_ i: UInt32) -> SecurityPolicy {
    let selector = PolicySelector(source: IPPrefix(IPAddress(ipv4: 0x0a00_0000 + i)),
                                  destination: IPPrefix(IPAddress(ipv4: 0x0b00_0000 + i)))
    return SecurityPolicy(selector: selector, direction: .outbound, action: .ipsec,
                          requests: [IPsecRequest(proto: .esp, mode: .transport, level: .require)])
}

func run(_ args: [String]) {
    guard args.count >= 2 else { fail("usage: xfrm-bench apply N | dump") }
    let backend: XFRMBackend
    do { backend = try XFRMBackend(context: BackendContext()) } catch { fail("\(error)") }
    defer { backend.close() }

    switch args[1] {
    case "apply":
        guard args.count == 3, let n = UInt32(args[2]) else { fail("usage: xfrm-bench apply N") }
        let batch = UInt32(backend.capabilities.preferredBatchSize)
        var failures = 0
        var start: UInt32 = 0
        while start < n {
            let end = min(n, start + batch)
            let mutations = (start..<end).map { Mutation.spdAdd(policy($0)) }
            do {
                for r in try backend.apply(mutations) { if case .failure = r { failures += 1 } }
            } catch { fail("\(error)") }
            start = end
        }
        print("applied \(n) policies, \(failures) failed")
    case "file":
        guard args.count == 3, let f = fopen(args[2], "r") else { fail("usage: xfrm-bench file FILE") }
        fseek(f, 0, SEEK_END)
        var bytes = [UInt8](repeating: 0, count: max(0, ftell(f)))
        rewind(f)
        guard fread(&bytes, 1, bytes.count, f) == bytes.count else { fail("cannot read \(args[2])") }
        fclose(f)
        let parsed = ScriptParser.parse(bytes, options: ParseOptions(fileName: args[2], personality: .linux))
        if parsed.hasErrors { fail("\(args[2]): \(parsed.errorCount) parse errors") }
        let batch = backend.capabilities.preferredBatchSize
        var failures = 0
        var mutations = [Mutation]()
        mutations.reserveCapacity(batch)
        func flush() {
            do {
                for r in try backend.apply(mutations) { if case .failure = r { failures += 1 } }
            } catch { fail("\(error)") }
            mutations.removeAll(keepingCapacity: true)
        }
        for s in parsed.statements {
            guard let m = s.statement.mutation else { continue }
            mutations.append(m)
            if mutations.count == batch { flush() }
        }
        flush()
        print("applied \(parsed.statements.count) statements, \(failures) failed")
    case "dump":
        var count = 0
        do { try backend.dumpPolicies { _ in count += 1 } } catch { fail("\(error)") }
        print("\(count) policies")
    case "dumptext":
        let renderer = ClassicTextRenderer(options: FormatOptions(personality: .linux), sink: FileDescriptorSink(fd: STDOUT_FILENO))
        renderer.beginPolicyDump()
        do { try backend.dumpPolicies { renderer.policy($0) } } catch { fail("\(error)") }
        renderer.endPolicyDump()
        renderer.flush()
    default:
        fail("unknown command \(args[1])")
    }
}

run(CommandLine.arguments)
