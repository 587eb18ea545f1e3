import Testing

@testable import TermLint

/// JSON Lines pieces written as bytes are the bytes of the String pieces.
@Suite struct PieceBytesTests {
  @Test func bytesAndTextAgree() throws {
    let report = try ManyFindingsTests.fixtureReport(excerpts: false)
    #expect(!report.diagnostics.isEmpty)
    let reporter = JSONLinesReporter()
    #expect(reporter.rendersBytes)
    let bytes = reporter.pieceBytes(report)
    let same = bytes == Array(reporter.piece(report).utf8)
    #expect(same)
    // Streamed as bytes or as text: the same report; an empty file writes nothing.
    var asText = ""
    let empty = FileReport(path: "empty.txt", diagnostics: [])
    var text = ReportStream(reporter) { asText += $0 }
    text.add(reporter.piece(empty), summary: Summary(file: empty))
    text.add(reporter.piece(report), summary: Summary(file: report))
    text.finish(problems: [], skippedBinary: [])
    var asBytes: [UInt8] = []
    var streamed = ReportStream(
      reporter, write: { asBytes += Array($0.utf8) }, writeBytes: { asBytes += $0 })
    streamed.add(bytes: reporter.pieceBytes(empty), summary: Summary(file: empty))
    streamed.add(bytes: bytes, summary: Summary(file: report))
    streamed.finish(problems: [], skippedBinary: [])
    let streamedSame = asBytes == Array(asText.utf8)
    #expect(streamedSame, "\(asBytes.count) bytes streamed, \(asText.utf8.count) as text")
    // A reporter of text gives its text as bytes.
    #expect(!JSONReporter().rendersBytes)
    let json = JSONReporter().pieceBytes(report) == Array(JSONReporter().piece(report).utf8)
    #expect(json)
  }
}
