import Foundation
import Testing

@testable import TermLint

@Suite struct SubtitleReaderTests {
  @Test func srtWithCRLFBOMAndTags() throws {
    let srt =
      "\u{FEFF}1\r\n00:00:01,000 --> 00:00:04,000\r\nThe <i>Double-Eight</i>\r\nStrategy {\\an8}here\r\n\r\n"
      + "2\r\n00:00:05,000 --> 00:00:06,500 X1:10 X2:20\r\n<font color=\"#ffffff\">Belt</font> and Road &amp; 3 < 4\r\n"
    let (extracted, file) = try readerExtract(SRTReader.self, srt)
    #expect(
      segmentTexts(extracted) == ["The Double-Eight\nStrategy here", "Belt and Road &amp; 3 < 4"])
    #expect(extracted.segments.map(\.unit) == ["1", "2"])
    #expect(
      originalBytes(of: "Double-Eight\nStrategy", in: extracted, file)
        == "Double-Eight</i>\r\nStrategy")
    #expect(
      file.text(extracted.segments[0].originalRange)
        == "The <i>Double-Eight</i>\r\nStrategy {\\an8}here")
    #expect(extracted.escaping == .none)
    expectCopiedBytesMatch(extracted, file)
  }

  @Test func srtErrors() throws {
    let cases: [(String, String, Int)] = [
      ("1\n00:00:01,000 -> 00:00:02,000\ntext\n", "cue 1 has no timecode", 2),
      ("1\n00:00:01 --> 00:00:02,000\ntext\n", "bad timecode", 2),
      ("1\n\n", "cue 1 has no timecode", 1),
      (
        "1\n00:00:01,000 --> 00:00:02,000\nok\n\nstray text\n",
        "expected a cue number or a timecode", 36
      ),
    ]
    for (srt, message, offset) in cases {
      #expect(throws: FormatError(message, offset: offset), "\(srt)") {
        _ = try readerExtract(SRTReader.self, srt)
      }
    }
  }

  @Test func vttCues() throws {
    let (extracted, file) = try readerExtract(VTTReader.self, try fixtureText("cues.vtt"))
    #expect(
      segmentTexts(extracted) == [
        "The Double-Eight\nStrategy & the Belt and Road", "Initiative\u{A0}text",
      ])
    #expect(extracted.segments.map(\.unit) == ["opening", nil])
    #expect(!extracted.text.contains("Eight-Eight"))
    #expect(!extracted.text.contains("color"))
    #expect(
      originalBytes(of: "Double-Eight\nStrategy & the Belt", in: extracted, file)
        == "Double-Eight</c>\nStrategy &amp; the <i>Belt")
    #expect(originalBytes(of: "\u{A0}", in: extracted, file) == "&nbsp;")
    #expect(extracted.escaping == .html)
    expectCopiedBytesMatch(extracted, file)
  }

  @Test func vttErrors() throws {
    let cases: [(String, String, Int)] = [
      ("WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", "missing WEBVTT header", 0),
      ("WEBVTT\n\n00:01.000 --> 00:02\nx\n", "bad timestamp", 8),
      ("WEBVTT\n\nid\nno timing\n", "cue 'id' has no timing line", 10),
    ]
    for (vtt, message, offset) in cases {
      #expect(throws: FormatError(message, offset: offset), "\(vtt)") {
        _ = try readerExtract(VTTReader.self, vtt)
      }
    }
  }

  @Test func registryKnowsTheTextReaders() {
    #expect(ReaderRegistry.reader(for: .markdown) == MarkdownReader.self)
    #expect(ReaderRegistry.reader(for: .po) == POReader.self)
    #expect(ReaderRegistry.reader(for: .srt) == SRTReader.self)
    #expect(ReaderRegistry.reader(for: .vtt) == VTTReader.self)
  }
}

extension SubtitleReaderTests {
  /// Random cues: tags are left out, line breaks kept, copied bytes are the original bytes.
  @Test func randomCuesMapExactly() throws {
    let pieces: [(cue: String, text: String)] = [
      ("Double-", "Double-"), ("<i>", ""), ("</i>", ""), ("Eight", "Eight"),
      (" Strategy", " Strategy"),
      ("<b>", ""), ("</b>", ""), ("八八", "八八"), ("é", "é"), (" ", " "), ("\n", "\n"),
    ]
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for round in 0..<200 {
      let vtt = round % 2 == 1
      var document = vtt ? "WEBVTT\n\n" : ""
      var expected: [String] = []
      for number in 1...(1 + next(4)) {
        var cue = ""
        var text = ""
        for _ in 0..<(1 + next(8)) {
          let piece = pieces[next(pieces.count)]
          // No blank line inside a cue, no line break at its ends.
          if piece.cue == "\n" && (cue.isEmpty || cue.hasSuffix("\n")) { continue }
          cue += piece.cue
          text += piece.text
        }
        if cue.hasSuffix("\n") {
          cue.removeLast()
          text.removeLast()
        }
        if text.isEmpty { continue }
        // SRT takes a line of spaces as a cue's end.
        if !vtt
          && cue.split(separator: "\n", omittingEmptySubsequences: false).contains(where: {
            $0.allSatisfy { $0 == " " }
          })
        {
          continue
        }
        let timing = vtt ? "00:01.000 --> 00:02.000" : "00:00:01,000 --> 00:00:02,000"
        document += "\(number)\n\(timing)\n\(cue)\n\n"
        expected.append(text)
      }
      if round % 3 == 0 { document = document.replacingOccurrences(of: "\n", with: "\r\n") }
      let (extracted, file) = try readerExtract(
        vtt ? VTTReader.self : SRTReader.self, document)
      let crlf = round % 3 == 0
      #expect(
        segmentTexts(extracted) == expected,
        "\(crlf ? document.replacingOccurrences(of: "\r", with: "") : document)")
      expectCopiedBytesMatch(extracted, file)
    }
  }
}
