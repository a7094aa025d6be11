import Testing

@Test func placeholderCLITarget() { #expect(Bool(true)) }
