import SetkeyCore

// Loading, catching up and compacting. All of it runs under the state lock.

extension KeyEngine {
    /// Brings memory up to date with the files: reads what other processes appended, follows
    /// a compaction (draining the replaced journal first), or reloads from scratch.
    func synchronize() throws(EngineError) {
        guard !stale, let current = journal else { return try reload() }
        let name = StateDirectory.journalName
        if try directory.identity(of: name) != current.identity {
            try replay(current)
            guard let next = try JournalFile.open(in: directory), next.generation == current.generation + 1 else {
                return try reload()
            }
            journal = next
            snapshotSize = try directory.size(of: StateDirectory.snapshotName) ?? 0
        }
        guard let journal else { return try reload() }
        try replay(journal)
    }

    /// Commits what was appended to `file` since it was last read. A failure part way leaves
    /// memory behind the files, so it forces a reload next time.
    private func replay(_ file: JournalFile) throws(EngineError) {
        var any = false
        do {
            try file.readNew(warn: configuration.warn) { e in
                any = true
                commit(e.record, time: e.time, pid: e.pid)
            }
        } catch {
            stale = true
            throw error
        }
        if any { state.recomputeNextCheck() }
    }

    /// Rebuilds memory from the snapshot and the journal. A journal older than the snapshot
    /// (a compaction interrupted after the snapshot was renamed) is replaced by an empty one;
    /// one newer than the snapshot is an error.
    func reload() throws(EngineError) {
        journal = nil
        stale = true
        let following = collectedEvents != nil
        collectedEvents = nil
        defer { if following { collectedEvents = [] } }
        var fresh = EngineState(deadEntryGrace: configuration.deadEntryGrace)
        directory.removeLeftovers()
        let snapshot = try SnapshotFile.read(in: directory, sizeHint: { bytes in
            // Records average well over 50 bytes; reserving for that many avoids regrowth.
            fresh.sad.reserveCapacity(bytes / 50)
            fresh.spd.reserveCapacity(bytes / 100)
        }) { e in
            fresh.commit(e.record)
        }
        let generation = snapshot?.generation ?? 0
        let file: JournalFile
        switch try JournalFile.open(in: directory) {
        case let j? where j.generation > generation:
            throw .corruptState(path: j.descriptor.path, offset: 8,
                                reason: "journal generation \(j.generation) does not follow snapshot generation "
                                    + "\(generation) (was the snapshot removed?)")
        case let j? where j.generation == generation:
            file = j
        default:
            // Missing, or older than the snapshot: already folded into it.
            file = try JournalFile.create(in: directory, generation: generation)
        }
        try file.readNew(warn: configuration.warn) { e in fresh.commit(e.record) }
        fresh.recomputeNextCheck()
        state = fresh
        journal = file
        snapshotSize = snapshot?.size ?? 0
        stale = false
    }

    /// Folds the journal into a new snapshot once it outgrows both the threshold and the
    /// snapshot: snapshot g+1 is written and renamed into place, then an empty journal g+1.
    /// A crash between the two renames leaves a journal of generation g, which the next
    /// load recognises as already folded in. Failure here loses nothing (the journal holds
    /// everything); it is reported as a warning.
    func compactIfNeeded(at now: EngineInstant) {
        guard let current = journal, current.end > configuration.compactionThreshold, current.end > snapshotSize else {
            return
        }
        do {
            // The new snapshot holds at most what the old one and the journal hold.
            var batch = JournalBatch(time: now.totalMicroseconds, pid: pid, capacity: snapshotSize + current.end)
            state.snapshotRecords { batch.add($0) }
            let generation = current.generation + 1
            var frames = batch.take()
            defer { frames.zeroize() }
            snapshotSize = try SnapshotFile.write(in: directory, generation: generation, frames: frames)
            journal = try JournalFile.create(in: directory, generation: generation)
        } catch {
            configuration.warn("setkey: userspace: compaction failed: \(error)")
            stale = true
        }
    }
}
