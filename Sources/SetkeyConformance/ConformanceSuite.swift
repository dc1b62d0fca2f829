import SetkeyCore

/// The whole suite: the fixed SA, policy and table scenarios, plus the algorithm scenarios
/// generated from a backend's own algorithm table.
public enum ConformanceSuite {
    /// Every scenario for a backend with `capabilities`, in a stable order.
    public static func scenarios(for capabilities: BackendCapabilities) -> [Scenario] {
        SAScenarios.all + PolicyScenarios.all + AlgorithmScenarios.generate(for: capabilities)
    }

    /// The fixed scenarios (those not generated from capabilities).
    public static var fixedScenarios: [Scenario] { SAScenarios.all + PolicyScenarios.all }
}
