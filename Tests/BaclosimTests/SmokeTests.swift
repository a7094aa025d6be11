import Testing
@testable import Baclosim

@Test func versionIsSet() { #expect(!Baclosim.version.isEmpty) }
