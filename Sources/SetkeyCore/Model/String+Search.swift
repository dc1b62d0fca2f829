extension StringProtocol {
    /// Whether `needle` occurs in this text (byte-wise on UTF-8; the core does without the
    /// string-processing module for start-up time).
    public func containsText(_ needle: some StringProtocol) -> Bool {
        let hay = Array(utf8), pin = Array(needle.utf8)
        if pin.isEmpty { return true }
        if pin.count > hay.count { return false }
        for start in 0...(hay.count - pin.count) where hay[start] == pin[0] {
            if hay[start..<(start + pin.count)].elementsEqual(pin) { return true }
        }
        return false
    }
}
