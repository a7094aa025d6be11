import Foundation
import Testing

/// `baclosim calibrate` with a joint calibration file: the options that only apply to one are
/// refused for a scenario, and a README without the cross-validation markers is refused before
/// the (long) calibration starts.
@Suite struct JointCalibrateCommandTests {
    @Test func jointOptionsNeedAJointFileAndTheReadmeIsCheckedFirst() throws {
        let single = try RunCommandTests.baclosim(["calibrate", "Scenarios/trials/jonas2014.yaml", "--leave-one-out"])
        #expect(single.status == 2)
        #expect(single.stderr.contains("--leave-one-out, --psa-out and --update-readme apply to a joint calibration file"))
        let started = Date()
        let readme = try RunCommandTests.baclosim(["calibrate", "Tests/Fixtures/joint/joint.yaml", "--update-readme", "README.md",
                                                   "--out", FileManager.default.temporaryDirectory.appendingPathComponent("j-\(UUID().uuidString).yaml").path])
        #expect(readme.status == 2)
        #expect(readme.stderr.contains("README.md: no <!-- cross-validation:begin --> … <!-- cross-validation:end --> section"))
        #expect(Date().timeIntervalSince(started) < 20, "refused before calibrating")
        let broken = try RunCommandTests.baclosim(["calibrate", "Tests/Fixtures/joint/trial-7d.yaml", "--psa-out", "x.yaml"])
        #expect(broken.status == 2)
    }
}
