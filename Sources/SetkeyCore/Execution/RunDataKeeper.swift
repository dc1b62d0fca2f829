/// Keeps a value alive until the process exits, so its memory goes back to the system at
/// once instead of being released element by element (100k statements hold several hundred
/// thousand buffers). Only for a process about to exit (`RunContext.leavesRunDataToExit`).
enum RunDataKeeper {
    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
