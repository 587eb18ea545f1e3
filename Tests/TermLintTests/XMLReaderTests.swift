import Foundation
import Testing

@testable import TermLint

/// A fixture of `Fixtures/formats/` read by its format's reader.
private func readFixture(_ name: String) throws -> (SourceFile, ExtractedText) {
  let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.path("formats/\(name)"))))
  return try extract(name, bytes: bytes)
}

private func extract(_ name: String, _ text: String) throws -> (SourceFile, ExtractedText) {
  try extract(name, bytes: Array(text.utf8))
}

private func extract(_ name: String, bytes: [UInt8]) throws -> (SourceFile, ExtractedText) {
  let file = try SourceFile(path: name, bytes: bytes)
  guard let reader = ReaderRegistry.reader(for: FileFormat.detect(path: name)) else {
    throw FormatError("no reader for \(name)", offset: 0)
  }
  return (file, try reader.extract(file))
}

/// The texts of the segments.
private func texts(_ extracted: ExtractedText) -> [String] {
  extracted.segments.map { String(decoding: extracted.bytes[$0.range], as: UTF8.self) }
}

/// The original bytes behind the first occurrence of `term` in the extracted text.
private func original(
  of term: String, in extracted: ExtractedText, _ file: SourceFile, occurrence: Int = 0
) -> String? {
  let needle = Array(term.utf8)
  var found = 0
  var index = 0
  while index + needle.count <= extracted.bytes.count {
    if extracted.bytes[index..<(index + needle.count)].elementsEqual(needle) {
      if found == occurrence {
        return file.text(extracted.originalRange(of: index..<(index + needle.count)))
      }
      found += 1
    }
    index += 1
  }
  return nil
}

private func formatError(_ name: String, _ text: String) -> FormatError? {
  do {
    _ = try extract(name, text)
    return nil
  } catch let error as FormatError {
    return error
  } catch {
    return nil
  }
}

@Suite struct XMLReaderTests {
  // MARK: Event positions

  /// Inside the root, every byte belongs to exactly one event: the ranges are contiguous
  /// and cover the content, through references, CDATA, CR LF and empty elements.
  @Test func eventRangesTileTheContent() throws {
    let text =
      "<?xml version=\"1.0\"?>\r\n<!-- c -->\r\n<a x=\"1&amp;2\" y='3'>Tom &amp; J&#8217;s\r\nx<b/>"
      + "<![CDATA[q<\r\n]]>é<c\n  z=\"&lt;\" >t<?pi d?></c  ><!--x--></a>"
    let file = try SourceFile(path: "t.xml", bytes: Array(text.utf8))
    var pieces: [(MarkupEvent.Kind, String, String)] = []
    try MarkupParser.parse(file, as: .xml) { (event) throws(FormatError) in
      let range = TextRange(start: event.range.lowerBound, end: event.range.upperBound)
      pieces.append((event.kind, file.text(range), String(decoding: event.text, as: UTF8.self)))
    }
    let inside = pieces.dropFirst().map(\.1).joined()
    #expect(inside == String(text[text.range(of: "<a x")!.lowerBound...]))
    #expect(pieces[1].1 == "<a x=\"1&amp;2\" y='3'>")
    #expect(pieces.contains { $0.1 == "&amp;" && $0.2 == "&" })
    #expect(pieces.contains { $0.1 == "&#8217;" && $0.2 == "’" })
    #expect(pieces.contains { $0.0 == .cdata && $0.1 == "<![CDATA[q<\r\n]]>" && $0.2 == "q<\n" })
    #expect(pieces.contains { $0.1 == "</c  >" })
  }

  @Test func xmlAttributeValuesAreDecoded() throws {
    let file = try SourceFile(path: "t.xml", bytes: Array("<a x=\"1&amp;2 &lt;&#38;\"/>".utf8))
    var values: [String] = []
    try MarkupParser.parse(file, as: .xml) { (event) throws(FormatError) in
      if let x = event.attribute("x") { values.append(x) }
    }
    #expect(values == ["1&2 <&"])
  }

  // MARK: XLIFF

  @Test func xliff12FromACATTool() throws {
    let (file, extracted) = try readFixture("cat-tool.xlf")
    #expect(extracted.escaping == .xml)
    #expect(
      texts(extracted) == [
        "Marking the 20th anniversary of the Double-Eight Strategy",
        "Jiaxing & Nanhu: the “Eight–Eight Strategy”", "",
        "The achievements of the Eighth Eighth Strategy", "",
      ])
    let segments = extracted.segments
    #expect(segments.map(\.unit) == ["t1", "t2", "t3", "t4", "t5"])
    #expect(segments.map(\.fuzzy) == [false, true, false, true, false])
    #expect(segments.allSatisfy { $0.language == "en-US" && $0.source?.language == "zh-TW" })
    #expect(
      segments.map { $0.source?.text }
        == ["紀念「八八戰略」實施二十週年", "嘉興 & 南湖", "一帶一路倡議", "八八戰略的成就", "南湖紅船"])
    #expect(segments[0].source.map { file.text($0.range) } == "紀念<g id=\"1\">「八八戰略」</g>實施二十週年")
    // Through inline tags and references, to the exact original bytes.
    #expect(original(of: "Double-Eight", in: extracted, file) == "Double-<x id=\"2\"/>Eight")
    #expect(
      original(of: "Eight–Eight Strategy", in: extracted, file) == "Eight&#8211;Eight Strategy")
    #expect(original(of: "Jiaxing & Nanhu", in: extracted, file) == "Jiaxing &amp; Nanhu")
    #expect(
      original(of: "Eighth Eighth Strategy", in: extracted, file)
        == "Eighth Eighth<ph id=\"1\">&lt;br/&gt;</ph> Strategy")
    #expect(file.text(segments[0].originalRange).hasPrefix("Marking the"))
    #expect(file.text(segments[0].originalRange).hasSuffix("</g> Strategy"))
    // Notes, alt-trans, context groups and the header are not text.
    #expect(!extracted.text.contains("88th"))
    #expect(!extracted.text.contains("draft"))
    #expect(!extracted.text.contains("Eight-Eight"))
    // A missing target is an empty segment where one would go; `<target/>` at itself.
    let missing = segments[2].originalRange
    #expect(missing.length == 0)
    #expect(file.text(TextRange(start: missing.start - 9, end: missing.start)) == "</source>")
    let empty = segments[4].originalRange
    #expect(file.text(TextRange(start: empty.start - 9, end: empty.start)) == "<target/>")
  }

  @Test func xliff20SegmentsAndInlineCodes() throws {
    let (file, extracted) = try readFixture("segments.xliff")
    #expect(
      texts(extracted) == [
        "Upholding the Double-Eight Strategy.", "The Belt and Road Initiative",
        "Eight-Eight Strategy",
      ])
    let segments = extracted.segments
    #expect(segments.map(\.unit) == ["u1#s1", "u1#s2", "u2"])
    #expect(segments.map(\.fuzzy) == [false, true, false])
    #expect(segments.map(\.language) == ["en", "en", "en-GB"])
    #expect(segments.map { $0.source?.text } == ["坚持八八战略。", "一带一路倡议", "八八战略"])
    #expect(segments.allSatisfy { $0.source?.language == "zh-CN" })
    #expect(
      original(of: "Double-Eight Strategy", in: extracted, file) == "Double-Eight</pc> Strategy")
    #expect(
      original(of: "Belt and Road Initiative", in: extracted, file)
        == "Belt and Road</mrk><ph id=\"2\" dataRef=\"d1\"/> Initiative")
    #expect(!extracted.text.contains("must not"))
    #expect(!extracted.text.contains("br/"))
  }

  @Test func xliffDraftStatesAndUntranslatableUnits() throws {
    let states = XLIFFReader.draftStates.sorted() + ["translated", "final", "signed-off"]
    var units = ""
    for (index, state) in states.enumerated() {
      units +=
        "<trans-unit id=\"\(index)\"><source>a</source><target state=\"\(state)\">b</target></trans-unit>"
    }
    units +=
      "<trans-unit id=\"no\" translate=\"no\"><source>a</source><target>a</target></trans-unit>"
    let (_, extracted) = try extract(
      "t.xlf",
      "<xliff version=\"1.2\"><file source-language=\"zh\"><body>\(units)</body></file></xliff>")
    #expect(extracted.segments.map(\.fuzzy) == states.map { XLIFFReader.draftStates.contains($0) })
    #expect(extracted.segments.count == states.count)
    #expect(extracted.segments.allSatisfy { $0.language == nil && $0.source?.language == "zh" })
  }

  @Test func xliffWithByteOrderMarkAndCRLF() throws {
    let text =
      "\u{FEFF}<?xml version=\"1.0\"?>\r\n<xliff version=\"2.0\" srcLang=\"zh\" trgLang=\"en\">\r\n"
      + "<file id=\"f\"><unit id=\"1\"><segment><source>八八战略</source>\r\n"
      + "<target>The Double-Eight\r\nStrategy &amp; more</target></segment></unit></file></xliff>\r\n"
    let (file, extracted) = try extract("t.xlf", text)
    #expect(file.textStart == 3)
    #expect(texts(extracted) == ["The Double-Eight\nStrategy & more"])
    #expect(
      original(of: "Double-Eight\nStrategy", in: extracted, file) == "Double-Eight\r\nStrategy")
    let start = extracted.originalRange(of: 0..<3).start
    #expect(file.text(TextRange(start: start - 8, end: start)) == "<target>")
    #expect(extracted.segments[0].source.map { file.text($0.range) } == "八八战略")
  }

  @Test func sdlxliffStyleSegSourceIsNotText() throws {
    let text = """
      <xliff version="1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"><file source-language="zh-CN" target-language="en-US"><body>
      <trans-unit id="a1"><source>八八战略</source><seg-source><mrk mtype="seg" mid="1">八八战略</mrk></seg-source>
      <target><mrk mtype="seg" mid="1">Double-Eight Strategy</mrk></target>
      <sdl:seg-defs><sdl:seg id="1" conf="Translated"/></sdl:seg-defs></trans-unit></body></file></xliff>
      """
    let (file, extracted) = try extract("t.sdlxliff", text)
    #expect(texts(extracted) == ["Double-Eight Strategy"])
    #expect(extracted.segments.first?.source?.text == "八八战略")
    #expect(original(of: "Double-Eight Strategy", in: extracted, file) == "Double-Eight Strategy")
  }

  @Test func xliffWithPrefixedCoreNamespace() throws {
    // The core namespace bound to a prefix, a module (metadata) bound to an unusual one, and
    // an extension element named like a core one: only the core elements count.
    let text = """
      <x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" xmlns:m="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:t="http://example.com/tool" version="2.0" srcLang="zh" trgLang="en">
      <x:file id="f"><x:unit id="u1"><m:metadata><m:meta type="x">Eight-Eight Strategy</m:meta></m:metadata>
      <t:target>Eighth Eighth Strategy</t:target>
      <x:segment id="s1"><x:source>八八战略</x:source><x:target>The <x:pc id="1">Double-Eight</x:pc> Strategy</x:target></x:segment>
      </x:unit></x:file></x:xliff>
      """
    let (file, extracted) = try extract("t.xlf", text)
    #expect(texts(extracted) == ["The Double-Eight Strategy"])
    #expect(extracted.segments.map(\.unit) == ["u1"])
    #expect(extracted.segments.first?.source?.text == "八八战略")
    #expect(extracted.segments.first?.language == "en")
    #expect(
      original(of: "Double-Eight Strategy", in: extracted, file) == "Double-Eight</x:pc> Strategy")
  }

  @Test func xliff12PrefixedUnitsAreUnits() throws {
    let text = """
      <xlf:xliff xmlns:xlf="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><xlf:file source-language="zh" target-language="en"><xlf:body>
      <xlf:trans-unit id="a"><xlf:source>八八战略</xlf:source><xlf:target state="needs-review-translation">Eight-Eight Strategy</xlf:target><xlf:note>Eighth Eighth Strategy</xlf:note></xlf:trans-unit>
      </xlf:body></xlf:file></xlf:xliff>
      """
    let (_, extracted) = try extract("t.xlf", text)
    #expect(texts(extracted) == ["Eight-Eight Strategy"])
    #expect(extracted.segments.map(\.unit) == ["a"])
    #expect(extracted.segments.map(\.fuzzy) == [true])
  }

  // MARK: TMX

  @Test func tmxMemory() throws {
    let (file, extracted) = try readFixture("memory.tmx")
    #expect(
      texts(extracted) == [
        "the Eight-Eight Strategy", "One Belt, One Road & the Belt and Road Initiative", "",
      ])
    let segments = extracted.segments
    #expect(segments.map(\.unit) == ["jx-1", "2", "jx-3"])
    #expect(segments.map(\.language) == ["en-US", "en-US", "en-US"])
    #expect(segments.map { $0.source?.text } == ["八八战略", "一带一路", "南湖"])
    #expect(segments.allSatisfy { $0.source?.language == "zh-CN" && !$0.fuzzy })
    #expect(
      original(of: "the Eight-Eight Strategy", in: extracted, file)
        == "the <bpt i=\"1\">&lt;b&gt;</bpt>Eight-Eight<ept i=\"1\">&lt;/b&gt;</ept> Strategy")
    #expect(
      original(of: "Road & the Belt and Road Initiative", in: extracted, file)
        == "Road &amp; the <hi type=\"x-term\">Belt and Road</hi> Initiative")
    #expect(!extracted.text.contains("header"))
    #expect(!extracted.text.contains("release"))
    #expect(!extracted.text.contains("br/"))
  }

  @Test func tmxAllLanguagesSourceIsTheFirstVariant() throws {
    let text = """
      <tmx version="1.4"><header srclang="*all*" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
      <body><tu><tuv xml:lang="zh"><seg>八八战略</seg></tuv><tuv xml:lang="en"><seg>Double-Eight Strategy</seg></tuv><tuv lang="de"><seg>Doppel-Acht-Strategie</seg></tuv></tu></body></tmx>
      """
    let (_, extracted) = try extract("t.tmx", text)
    #expect(texts(extracted) == ["Double-Eight Strategy", "Doppel-Acht-Strategie"])
    #expect(extracted.segments.map(\.language) == ["en", "de"])
    #expect(extracted.segments.allSatisfy { $0.source?.text == "八八战略" && $0.unit == "1" })
  }

  // MARK: HTML

  @Test func htmlPage() throws {
    let (file, extracted) = try readFixture("page.html")
    #expect(extracted.escaping == .html)
    #expect(
      texts(extracted) == [
        "Double-Eight Strategy — twenty years", "The Double-Eight Strategy",
        "Zhejiang’s “88th Strategy” & the Belt\u{A0}and Road Initiative.",
        "Eighth Eighth Strategy", "Call  now.", "八八战略", "The Double-Eight Strategy & Zhejiang",
        "One Belt", "Two rows", "Cell one", "Cell “two”", "Search terms", "Search",
      ])
    #expect(
      extracted.segments.map(\.language) == [
        "en", "en", "en", "en", "en", "zh", "en", "en", "en", "en", "en", "en", "en",
      ])
    #expect(extracted.segments.allSatisfy { $0.unit == nil && $0.source == nil })
    #expect(
      original(of: "Double-Eight Strategy", in: extracted, file, occurrence: 1)
        == "Double-<em>Eight</em> Strategy")
    #expect(
      original(of: "’s “88th Strategy”", in: extracted, file)
        == "&rsquo;s &ldquo;88th Strategy&rdquo;")
    #expect(
      original(of: "Belt\u{A0}and Road Initiative", in: extracted, file)
        == "Belt&nbsp;and Road</a> Initiative")
    // Attribute values map to their own bytes, references decoded.
    #expect(
      original(of: "Eighth Eighth Strategy", in: extracted, file)
        == "Eighth Eighth Strategy")
    let title = extracted.segments[3].originalRange
    #expect(file.text(TextRange(start: title.start - 7, end: title.start)) == "title=\"")
    #expect(original(of: "Strategy & Zhejiang", in: extracted, file) == "Strategy &amp; Zhejiang")
    #expect(original(of: "“two”", in: extracted, file) == "&#8220;two&#8221;")
    // Scripts, styles, comments, code, pre and translate="no" are not text.
    #expect(!extracted.text.contains("Eight-Eight"))
    #expect(!extracted.text.contains("eightEight"))
    #expect(!extracted.text.contains("color"))
  }

  @Test func htmlAttributeReferencesMapToThemselves() throws {
    let (file, extracted) = try extract(
      "t.html", "<img alt=\"Tom&amp;Jerry &bogus; &#8220;Double-Eight&#8221;\" title='a &lt; b'>")
    #expect(texts(extracted) == ["Tom&Jerry &bogus; “Double-Eight”", "a < b"])
    #expect(original(of: "&", in: extracted, file) == "&amp;")
    #expect(original(of: "Jerry &bogus;", in: extracted, file) == "Jerry &bogus;")
    #expect(original(of: "“Double-Eight”", in: extracted, file) == "&#8220;Double-Eight&#8221;")
    #expect(original(of: "<", in: extracted, file) == "&lt;")
  }

  @Test func htmlTagSoupDoesNotFail() throws {
    let (file, extracted) = try extract(
      "t.html", "<p>Double-<b>Eight</i> Strategy<p>Eighth <td>Eighth</b></div> &bogus; & < Strategy"
    )
    #expect(texts(extracted).first == "Double-Eight Strategy")
    #expect(
      original(of: "Double-Eight Strategy", in: extracted, file) == "Double-<b>Eight</i> Strategy")
    #expect(extracted.text.contains("Strategy"))
    // A stray end tag the parser skips stays out of the text, and out of its mapping.
    let (strayFile, stray) = try extract("t.html", "<p>Double-</b>Eight Strategy</p>")
    #expect(texts(stray) == ["Double-Eight Strategy"])
    #expect(original(of: "Eight Strategy", in: stray, strayFile) == "Eight Strategy")
    let (_, empty) = try extract("t.html", "")
    #expect(empty.segments.isEmpty)
  }

  @Test func htmlWithByteOrderMarkAndCRLF() throws {
    let (file, extracted) = try extract(
      "t.htm",
      "\u{FEFF}<html>\r\n<body>\r\n<p>The Double-Eight\r\nStrategy &amp; more</p>\r\n</body></html>\r\n"
    )
    #expect(texts(extracted).count == 1)
    #expect(original(of: "Double-Eight", in: extracted, file) == "Double-Eight")
    let term = try #require(texts(extracted).first?.range(of: "Strategy & more"))
    #expect(term.isEmpty == false)
    #expect(original(of: "Strategy & more", in: extracted, file) == "Strategy &amp; more")
    let start = extracted.originalRange(of: 0..<3).start
    #expect(file.text(TextRange(start: start - 3, end: start)) == "<p>")
  }

  @Test func htmlDeclaredCharsetIsIgnored() throws {
    for head in [
      "<meta charset=\"iso-8859-1\">",
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
    ] {
      let (file, extracted) = try extract(
        "t.html", "<html><head>\(head)</head><body><p>Stratégie “Double–Eight”</p>")
      #expect(texts(extracted) == ["Stratégie “Double–Eight”"])
      #expect(original(of: "“Double–Eight”", in: extracted, file) == "“Double–Eight”")
    }
  }

  @Test func htmlDeepNestingIsBounded() throws {
    let depth = 100_000
    let text =
      String(repeating: "<div>", count: depth) + "Double-Eight Strategy"
      + String(repeating: "</div>", count: depth)
    let start = Date()
    let (_, extracted) = try extract("t.html", text)
    #expect(texts(extracted) == ["Double-Eight Strategy"])
    #expect(Date().timeIntervalSince(start) < 20)
  }

  @Test func xhtmlThroughTheHTMLParser() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en-GB"><head><title>T</title></head>
      <body><p>The Double-<em>Eight</em><br/>Strategy</p><p xml:lang="fr">Stratégie</p></body></html>
      """
    let (file, extracted) = try extract("t.xhtml", text)
    #expect(texts(extracted) == ["T", "The Double-Eight\nStrategy", "Stratégie"])
    #expect(extracted.segments.map(\.language) == ["en-GB", "en-GB", "fr"])
    #expect(
      original(of: "Double-Eight\nStrategy", in: extracted, file)
        == "Double-<em>Eight</em><br/>Strategy")
  }

  // MARK: Fixes and threads

  /// A replacement written escaped over a finding's original range keeps the file valid
  /// and reads back as the replacement.
  @Test func escapedFixRoundTrips() throws {
    for (name, term, replacement) in [
      ("cat-tool.xlf", "Jiaxing & Nanhu", "Jiaxing & Nanhu <Lake>"),
      ("cat-tool.xlf", "Eight–Eight Strategy", "Double-Eight Strategy"),
      ("memory.tmx", "One Belt, One Road & the", "Belt & Road and the"),
      ("page.html", "“88th Strategy” & the", "“Double-Eight Strategy” & the"),
    ] {
      let (file, extracted) = try readFixture(name)
      let needle = Array(term.utf8)
      let at = try #require(extracted.bytes.firstRange(of: needle))
      let range = extracted.originalRange(of: at)
      let fixed =
        Array(file.bytes[..<range.start]) + Array(extracted.escaping.escape(replacement).utf8)
        + Array(file.bytes[range.end...])
      let (_, again) = try extract(name, bytes: fixed)
      #expect(again.text.contains(replacement), "\(name): \(term)")
      #expect(again.segments.count == extracted.segments.count)
    }
  }

  @Test func readersRunInParallel() async throws {
    let names = ["cat-tool.xlf", "segments.xliff", "memory.tmx", "page.html"]
    let expected = try names.map { try readFixture($0).1.text }
    let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for round in 0..<64 {
        group.addTask { (round, try readFixture(names[round % names.count]).1.text) }
      }
      var all: [(Int, String)] = []
      for try await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 64)
    #expect(results.allSatisfy { expected[$0.0 % names.count] == $0.1 })
  }

  // MARK: Errors and security

  @Test func malformedXMLIsAnErrorAtItsOffset() throws {
    let unclosed =
      "<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a</source><target>b</trans-unit></body></file></xliff>"
    let error = try #require(formatError("t.xlf", unclosed))
    #expect(error.message.contains("mismatch"))
    // At the end tag that does not match (`</trans-unit>` closing `<target>`).
    let endTag = Array(unclosed.utf8).firstRange(of: Array("</trans-unit>".utf8))
    #expect(endTag.map { $0.contains(error.offset) || $0.upperBound == error.offset } == true)

    let truncated = "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>text"
    let end = try #require(formatError("t.tmx", truncated))
    #expect(end.offset == truncated.utf8.count)

    let badEntity =
      "<xliff version=\"2.0\"><file id=\"f\"><unit id=\"1\"><segment><source>&nbsp;</source></segment></unit></file></xliff>"
    let entity = try #require(formatError("t.xliff", badEntity))
    #expect(entity.message.contains("nbsp"))
    #expect(entity.offset > badEntity.utf8.count / 2)

    let bare = try #require(formatError("t.tmx", "<tmx><body>Tom & Jerry</body></tmx>"))
    #expect(bare.offset == 16 || bare.offset == 17)
    #expect(formatError("t.xlf", "") != nil)
    #expect(formatError("t.xlf", "not xml at all") != nil)
  }

  @Test func externalEntityIsRefusedAndNeverRead() throws {
    let directory = try TemporaryDirectory()
    let secret = try directory.write("secret.txt", "TOP-SECRET-CONTENT")
    let dtd = try directory.write("evil.dtd", "<!ENTITY leak SYSTEM \"file://\(secret)\">")
    let declared =
      "<?xml version=\"1.0\"?><!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      + "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>&x;</target></trans-unit></body></file></xliff>"
    let error = try #require(formatError("t.xlf", declared))
    #expect(error.message.contains("entity"))
    #expect(error.offset < declared.utf8.count / 2)
    // An external DTD is never loaded: its entity stays undeclared, so an error, not text.
    let external =
      "<?xml version=\"1.0\"?><!DOCTYPE tmx SYSTEM \"file://\(dtd)\">"
      + "<tmx><body><tu><tuv xml:lang=\"en\"><seg>&leak;</seg></tuv></tu></body></tmx>"
    let undeclared = try #require(formatError("t.tmx", external))
    #expect(!undeclared.message.contains("TOP-SECRET"))
    // A DOCTYPE that declares no entity is fine (and not fetched).
    let plain =
      "<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\" \"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd\">"
      + "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>b</target></trans-unit></body></file></xliff>"
    let (_, extracted) = try extract("t.xlf", plain)
    #expect(texts(extracted) == ["b"])
  }

  @Test func billionLaughsIsAPromptError() throws {
    var declarations = "<!ENTITY lol0 \"lol\">"
    for level in 1...9 {
      declarations +=
        "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
    }
    let text =
      "<?xml version=\"1.0\"?><!DOCTYPE xliff [\(declarations)]><xliff version=\"1.2\"><file><body>"
      + "<trans-unit id=\"1\"><source>a</source><target>&lol9;</target></trans-unit></body></file></xliff>"
    let start = Date()
    let error = try #require(formatError("t.xlf", text))
    #expect(error.message.contains("entity"))
    #expect(Date().timeIntervalSince(start) < 1)
    // Parameter entities too.
    #expect(formatError("t.tmx", "<!DOCTYPE tmx [<!ENTITY % p \"x\">]><tmx/>") != nil)
  }

  @Test func deepXMLNestingIsAnError() throws {
    let depth = 100_000
    let text =
      "<xliff version=\"1.2\">" + String(repeating: "<g>", count: depth)
      + String(repeating: "</g>", count: depth) + "</xliff>"
    let error = try #require(formatError("t.xlf", text))
    #expect(error.message.lowercased().contains("depth"))
  }

  @Test func declaredEncodingIsIgnored() throws {
    let text =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><tmx><header srclang=\"zh\"/><body><tu>"
      + "<tuv xml:lang=\"zh\"><seg>八八战略</seg></tuv><tuv xml:lang=\"en\"><seg>Double–Eight</seg></tuv></tu></body></tmx>"
    let (file, extracted) = try extract("t.tmx", text)
    #expect(texts(extracted) == ["Double–Eight"])
    #expect(original(of: "Double–Eight", in: extracted, file) == "Double–Eight")
  }

  // MARK: Fixtures as other tools read them

  /// The units of the XML fixtures, as Tests/formats/check_fixtures.py also reads them with
  /// lxml and translate-toolkit. TERMLINT_UPDATE_SNAPSHOTS=1 rewrites the file.
  @Test func fixtureUnitsSnapshot() throws {
    var all: [String: Any] = [:]
    for name in ["cat-tool.xlf", "segments.xliff", "memory.tmx"] {
      let (_, extracted) = try readFixture(name)
      all[name] = extracted.segments.map { segment -> [String: Any] in
        [
          "unit": segment.unit ?? NSNull(),
          "source": segment.source?.text ?? NSNull(),
          "target": String(decoding: extracted.bytes[segment.range], as: UTF8.self),
          "language": segment.language ?? NSNull(),
          "fuzzy": segment.fuzzy,
        ]
      }
    }
    let data = try JSONSerialization.data(
      withJSONObject: all, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    try expectSnapshot(
      String(decoding: data, as: UTF8.self) + "\n", file: "formats/expected-units.json")
  }
}

/// Extraction speed on a large XLIFF (bench/xliff_gen.py), only when TERMLINT_XML_BENCH
/// names it.
@Suite struct XMLReaderBenchmark {
  static let path = ProcessInfo.processInfo.environment["TERMLINT_XML_BENCH"]

  @Test(.enabled(if: path != nil)) func extractionSpeed() throws {
    let path = try #require(Self.path)
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    let file = try SourceFile(path: path, bytes: bytes)
    var events = 0
    let parseStart = Date()
    try MarkupParser.parse(file, as: .xml) { (_) throws(FormatError) in events += 1 }
    let parseSeconds = Date().timeIntervalSince(parseStart)
    let start = Date()
    let cpuStart = clock()
    let extracted = try XLIFFReader.extract(file)
    let cpuSeconds = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
    let seconds = Date().timeIntervalSince(start)
    let megabytes = Double(bytes.count) / 1_000_000
    print(
      "XLIFF extraction: \(extracted.segments.count) segments, \(megabytes) MB in \(seconds) s:"
        + " \(megabytes / seconds) MB/s (CPU time \(cpuSeconds) s: \(megabytes / cpuSeconds) MB/s); libxml2 and the event stream alone: \(events) events,"
        + " \(megabytes / parseSeconds) MB/s")
    // Positions stay exact at the end of a large file (libxml2 shrinks its buffer): the
    // last segment is the content of the last `<target state=…>`.
    let last = try #require(extracted.segments.last)
    let text = file.text(TextRange(start: 0, end: bytes.count))
    let open = try #require(text.range(of: "<target state=", options: .backwards))
    let contentStart = try #require(text[open.upperBound...].firstIndex(of: ">"))
    let contentEnd = try #require(text.range(of: "</target>", range: contentStart..<text.endIndex))
    let expected = TextRange(
      start: text.utf8.distance(from: text.startIndex, to: text.index(after: contentStart)),
      end: text.utf8.distance(from: text.startIndex, to: contentEnd.lowerBound))
    #expect(last.originalRange == expected)
    #expect(last.unit == "u\(extracted.segments.count)")
  }
}
