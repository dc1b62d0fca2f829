import CXFRM
import SetkeyCore

extension XFRMBackend {
    /// Applies `mutations` pipelined: every request is written into a batch and sent without
    /// an ACK; errors come back carrying their sequence numbers and are attributed to their
    /// mutation; one acknowledged barrier ends the run, so every result is final when this
    /// returns. `deleteall` and `unique` policies without a reqid read the kernel's tables
    /// first (after a barrier, so they see everything sent before them).
    public func apply(_ mutations: [Mutation]) throws(BackendError) -> [Result<Void, BackendError>] {
        let pipeline = XFRMPipeline(connection: connection, batchLimit: settings.batchBytes)
        var refused = [Int: BackendError]()
        for (index, mutation) in mutations.enumerated() {
            switch XFRMRequestPlanner.plan(mutation) {
            case .send(let requests):
                for r in requests { try pipeline.enqueue(r, owner: index) }
            case .refuse(let error):
                refused[index] = error
            case .deleteAll(let source, let destination, let type):
                try pipeline.sync()
                try enqueueDeleteAll(source: source, destination: destination, type: type, owner: index,
                                     pipeline: pipeline)
            case .policyNeedingRequestIDs(let policy, let update):
                switch try requestIDs(for: policy, pipeline: pipeline) {
                case .success(let reqids):
                    try pipeline.enqueue(XFRMRequestPlanner.policyRequest(policy, update: update, reqids: reqids),
                                         owner: index)
                case .failure(let error):
                    refused[index] = error
                }
            }
        }
        try pipeline.sync()
        return pipeline.results(count: mutations.count, refused: refused)
    }

    /// `deleteall` as setkey on Linux does it: list the SAs of that type between the two
    /// addresses, then delete each one. None is not an error.
    private func enqueueDeleteAll(source: IPAddress, destination: IPAddress, type: SAType, owner: Int,
                                  pipeline: XFRMPipeline) throws(BackendError) {
        var victims = [SAIdentity]()
        do {
            try dumpSAs(XFRMRequestPlanner.deleteAllDump(source: source, destination: destination, type: type)) { sa in
                // The kernel filter compares prefixes; keep exact matches only.
                if sa.source == source, sa.destination == destination { victims.append(sa.identity) }
            }
        } catch {
            pipeline.recordFailure(error, owner: owner)
            return
        }
        for id in victims {
            try pipeline.enqueue(.saIdentity(.deleteSA, XFRMStateMapping.identity(id)), owner: owner)
        }
    }

    /// The reqid for each request of `policy`, choosing automatic ones where af_key would.
    private func requestIDs(for policy: SecurityPolicy,
                            pipeline: XFRMPipeline) throws(BackendError) -> Result<[UInt32], BackendError> {
        if requestIDs.needsInventory {
            try pipeline.sync()
            var used = Set<UInt32>()
            try dumpPolicies { p in
                for r in p.requests where r.reqid.rawValue != 0 { used.insert(r.reqid.rawValue) }
            }
            requestIDs.setInventory(used)
        }
        var out = [UInt32]()
        for r in policy.requests {
            guard XFRMPolicyMapping.needsGeneratedRequestID(r) else {
                out.append(r.reqid.rawValue)
                continue
            }
            guard let id = requestIDs.allocate() else {
                return .failure(.kernelRejected(.noBufferSpace, detail: "no automatic reqid is free"))
            }
            out.append(id)
        }
        return .success(out)
    }
}
