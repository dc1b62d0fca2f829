import SetkeyCore

extension KeyEngine {
    /// Delivers every change any process makes to this state folder from now on (adds,
    /// updates, deletes, flushes, expiries), until `handler` returns false. Wakes on journal
    /// writes (inotify) and at least every `tick` milliseconds to apply the clock, so
    /// lifetimes expire on time even when nobody else uses the engine.
    /// Counterpart: `setkey -x` on a PF_KEY socket in promiscuous mode (`SADB_X_PROMISC`).
    /// - Parameter ready: called once the engine is caught up; every change after this point
    ///   is delivered.
    public func follow(tick milliseconds: Int32 = 1000, ready: () -> Void = {},
                       _ handler: (EngineEvent) -> Bool) throws(EngineError) {
        let watcher = JournalWatcher(directory: directory.path)
        try locked { _ in }
        ready()
        collectedEvents = []
        defer { collectedEvents = nil }
        while true {
            watcher.wait(milliseconds: milliseconds)
            try locked { _ in }
            let events = collectedEvents ?? []
            collectedEvents = []
            for e in events where !handler(e) { return }
        }
    }
}
