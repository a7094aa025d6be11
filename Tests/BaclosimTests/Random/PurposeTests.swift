import Testing
@testable import Baclosim

@Suite struct PurposeTests {
    /// The raw values are the reproducibility contract: this list may only grow at the end.
    @Test func registryKeepsItsNumbersInOrder() {
        #expect(Purpose.registry.map(\.rawValue) == Array(1...19))
        #expect(Purpose.covariates.rawValue == 1)
        #expect(Purpose.pkVariability.rawValue == 2)
        #expect(Purpose.adherence.rawValue == 3)
        #expect(Purpose.craving.rawValue == 4)
        #expect(Purpose.cueJumps.rawValue == 5)
        #expect(Purpose.drinking.rawValue == 6)
        #expect(Purpose.drinkCount.rawValue == 7)
        #expect(Purpose.sideEffects.rawValue == 8)
        #expect(Purpose.withdrawal.rawValue == 9)
        #expect(Purpose.dropout.rawValue == 10)
        #expect(Purpose.mortality.rawValue == 11)
        #expect(Purpose.eligibility.rawValue == 12)
        #expect(Purpose.responder.rawValue == 13)
        #expect(Purpose.psaParameters.rawValue == 14)
        #expect(Purpose.trajectorySample.rawValue == 15)
        #expect(Purpose.toxicity.rawValue == 16)
        #expect(Purpose.alcoholWithdrawal.rawValue == 17)
        #expect(Purpose.asNeededDosing.rawValue == 18)
        #expect(Purpose.stateTransition.rawValue == 19)
    }

    @Test func everyRegisteredPurposeHasItsOwnName() {
        let names = Purpose.registry.map(\.description)
        #expect(Set(names).count == names.count)
        #expect(!names.contains { $0.hasPrefix("purpose(") })
        #expect(Purpose.alcoholWithdrawal.description == "alcoholWithdrawal")
    }

    @Test func purposesBeyondTheRegistryComeFromRawValues() {
        let extra = Purpose(rawValue: 1000)
        #expect(extra == Purpose(rawValue: 1000))
        #expect(extra != .covariates)
        #expect(extra.description == "purpose(1000)")
    }
}
