import KeyEngine
import SetkeyCore

/// The command-line options of `keyengine-stress`.
struct StressOptions {
    var state = ""
    var first = 0
    var count = 0
    var batch = 500
    var events = 1
    var compactionThreshold = EngineConfiguration.defaultCompactionThreshold
    var policies = false
    var personality: Personality = .kame

    init(_ args: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("missing value after \(args[i - 1])") }
            return args[i]
        }
        func number() -> Int {
            let text = value()
            guard let n = Int(text), n >= 0 else { fail("not a number: \(text)") }
            return n
        }
        while i < args.count {
            switch args[i] {
            case "--state": state = value()
            case "--first": first = number()
            case "--count": count = number()
            case "--batch": batch = max(1, number())
            case "--events": events = number()
            case "--compact": compactionThreshold = number()
            case "--policies": policies = true
            case "--personality":
                guard let p = Personality(rawValue: value()) else { fail("unknown personality") }
                personality = p
            default: fail("unknown option \(args[i])")
            }
            i += 1
        }
        if state.isEmpty { fail("--state DIR is required") }
    }

    func configuration() -> EngineConfiguration {
        EngineConfiguration(stateDirectory: state, personality: personality, compactionThreshold: compactionThreshold)
    }
}
