import KeyEngine
import SetkeyCore

// Translation between the backend protocol's types and the engine's.

extension UserspaceBackend {
    static func change(_ m: Mutation) -> EngineChange {
        switch m {
        case .add(let sa): return .addSA(sa)
        case .update(let sa): return .updateSA(sa)
        case .delete(let id): return .deleteSA(id)
        case .deleteAll(let s, let d, let t): return .deleteAllSAs(source: s, destination: d, type: t)
        case .flush(let t): return .flushSAs(t)
        case .spdAdd(let p): return .addPolicy(p)
        case .spdUpdate(let p): return .updatePolicy(p)
        case .spdDelete(let id): return .deletePolicy(id)
        case .spdFlush: return .flushPolicies
        }
    }

    static func failure(_ f: EngineFailure) -> BackendError {
        switch f.kind {
        case .notFound: return .notFound(f.errno)
        case .alreadyExists: return .alreadyExists(f.errno)
        case .rejected: return .kernelRejected(f.errno, detail: f.detail)
        }
    }

    static func failure(_ e: EngineError) -> BackendError {
        switch e {
        case .refused(let f): return failure(f)
        case .system(let operation, let path, let errno): return .system(operation: "\(operation)(\(path))", errno)
        case .unsafeState, .corruptState: return .unavailable(e.description)
        }
    }

    /// The error for an engine that could not be opened: unsafe or corrupt state and system
    /// failures all mean the backend cannot start.
    static func startFailure(_ e: EngineError) -> BackendError {
        switch e {
        case .system(let operation, let path, let errno):
            return .unavailable("userspace: \(operation)(\(path)): \(errno)")
        default:
            return failure(e)
        }
    }

    static func keyEvent(_ e: EngineEvent) -> KeyEvent {
        let kind: KeyEvent.Kind
        switch e.kind {
        case .saAdded: kind = .saAdded
        case .saUpdated: kind = .saUpdated
        case .saDeleted: kind = .saDeleted
        case .saExpired(let hard): kind = .saExpired(hard: hard)
        case .saFlushed: kind = .saFlushed
        case .policyAdded: kind = .policyAdded
        case .policyUpdated: kind = .policyUpdated
        case .policyDeleted: kind = .policyDeleted
        case .policyFlushed: kind = .policyFlushed
        }
        return KeyEvent(kind: kind, sa: e.sa, policy: e.policy, saType: e.saType, seconds: e.seconds,
                        microseconds: e.microseconds, originPID: e.originPID)
    }
}
