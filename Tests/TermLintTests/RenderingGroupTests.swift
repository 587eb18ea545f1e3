import Testing

@testable import TermLint

/// `Consistency.groups` keeps places as indices into the occurrences it is given.
@Suite struct RenderingGroupTests {
  func occurrence(_ key: String, file: Int, start: Int, heading: Bool = false)
    -> RenderingOccurrence
  {
    RenderingOccurrence(
      concept: .phrase("ten special actions"), key: key, text: key, file: file,
      path: "f\(file).txt", range: TextRange(start: start, end: start + key.utf8.count),
      position: SourcePosition(line: 1, column: start + 1), source: .phrase, quoted: false,
      atSentenceStart: false, entry: nil, inHeading: heading)
  }

  @Test func placesAreInOrderWhateverTheOrderGiven() throws {
    let linter = try makeLinter()
    // Given out of order, across two files, with a heading place that is not counted.
    let given = [
      occurrence("10 special actions", file: 1, start: 5),
      occurrence("Ten Special Actions", file: 1, start: 40),
      occurrence("10 special actions", file: 0, start: 90),
      occurrence("Ten Special Actions", file: 0, start: 10),
      occurrence("Ten Special Actions", file: 0, start: 0, heading: true),
      occurrence("Ten Special Actions", file: 0, start: 50),
    ]
    let groups = Consistency.groups(given, glossary: linter.glossary)
    #expect(groups.count == 1)
    let group = try #require(groups.first)
    #expect(group.renderings.map(\.key) == ["Ten Special Actions", "10 special actions"])
    #expect(group.renderings.map(\.count) == [3, 2])
    #expect(group.occurrenceCount == 5)
    #expect(
      group.renderings[0].occurrences.map { [$0.file, $0.range.start] }
        == [[0, 10], [0, 50], [1, 40]])
    #expect(group.renderings[1].occurrence(1).file == 1)
    #expect(group.keptKey == "Ten Special Actions")
    #expect(group.reason == .mostUsed)
    #expect(group.isInconsistent)
    // Flagged in order of file, then offset: the order findings are made in.
    #expect(group.flagged.map { [$0.file, $0.range.start] } == [[0, 90], [1, 5]])
  }
}
