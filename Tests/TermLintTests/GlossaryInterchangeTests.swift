import Foundation
import Testing

@testable import TermLint

/// `glossary import` and `glossary export`: each format on a fixture written like real
/// termbases (Fixtures/interchange/), malformed input at its position, the imports passing
/// `glossary check`, and the bundled dictionaries round-tripping through TBX and CSV.
@Suite struct GlossaryInterchangeTests {
  static func fixture(_ name: String) -> String { Fixtures.path("interchange/" + name) }

  static func importFixture(_ name: String, as format: InterchangeFormat? = nil) throws
    -> ImportedTerms
  {
    let path = fixture(name)
    let bytes = try FileReader.contents(of: path)
    let detected = try #require(format ?? InterchangeFormat.detect(path: path, bytes: bytes))
    return try GlossaryImport.read(bytes, path: path, format: detected)
  }

  /// The file's glossary as the command writes it, read back by the strict loader.
  static func loaded(_ files: [ImportedTerms]) throws -> Glossary {
    let (glossary, _) = GlossaryImport.glossary(files)
    let yaml = GlossaryImport.yaml(glossary, from: files)
    return try GlossaryLoader.load(yaml: yaml, path: "imported.yml")
  }

  static func texts(_ forms: [Form]) -> [String] { forms.map(\.text) }

  // MARK: TBX

  @Test func tbxBasicConceptsStatusesNotesAndReferences() throws {
    let imported = try Self.importFixture("basic.tbx")
    let terms = try Self.loaded([imported]).terms
    #expect(terms.map(\.id) == ["double-eight-strategy", "c2", "two-establishes"])
    let eight = terms[0]
    #expect(eight.source == "八八战略")
    #expect(eight.preferred?.text == "Double-Eight Strategy")
    #expect(Self.texts(eight.accepted) == ["Double Eight Strategy"])
    // A term broken across lines in the XML is one form; its tig note is the form's note.
    #expect(Self.texts(eight.variants) == ["Eight-Eight Strategy", "88th Strategy"])
    #expect(
      eight.variants[0].note
        == "the Zhejiang government's own English in 2015, superseded since 2021")
    #expect(
      eight.note
        == "浙江省的发展战略，2003 年提出。\nZhejiang's development strategy, proposed in July 2003 & "
        + "named after its eight advantages and eight measures.")
    #expect(
      eight.reference == "http://english.scio.gov.cn/pressroom/2021-04/30/content_77456336_4.htm")
    // No status at all: the first English term is preferred, the others accepted.
    let road = terms[1]
    #expect(road.sourceForms == ["一带一路", "“一带一路”倡议"])
    #expect(road.preferred?.text == "Belt and Road Initiative")
    #expect(Self.texts(road.accepted) == ["BRI"])
    #expect(road.variants.isEmpty)
    #expect(road.reference == "http://english.www.gov.cn/beltAndRoad/")
    // ntig/termGrp, a superseded term, an entry-level note and descrip type="source".
    let two = terms[2]
    #expect(two.source == "两个确立")
    #expect(Self.texts(two.variants) == ["Two Establishments"])
    #expect(two.note == "Not to be confused with 两个维护.")
    #expect(two.reference == "Xinhua, 2021-11-16")
    #expect(imported.sourceLanguage == "zh-CN")
    let (_, notices) = GlossaryImport.glossary([imported])
    #expect(
      notices.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" } == [
        "46:9 terms in de are left out: a glossary has Chinese sources and English terms",
        "61:7 the id 'Two_Establishes' is not kebab-case; written as 'two-establishes'",
      ])
  }

  @Test func tbxVersion3ConceptEntriesAndTermSections() throws {
    let terms = try Self.loaded([try Self.importFixture("v3.tbx")]).terms
    #expect(terms.map(\.id) == ["common-prosperity", "lucid-waters"])
    #expect(terms[0].preferred?.text == "common prosperity")
    #expect(Self.texts(terms[0].variants) == ["shared prosperity"])
    #expect(terms[0].note == "A goal of the CPC; Zhejiang is its demonstration zone.")
    #expect(terms[0].reference == "http://www.news.cn/english/2021-08/18/c_1310134279.htm")
    #expect(terms[1].sourceForms == ["绿水青山就是金山银山", "两山理念"])
    #expect(
      Self.texts(terms[1].accepted) == [
        "clear waters and green mountains are as good as mountains of gold and silver"
      ])
    #expect(terms[1].reference == "http://english.scio.gov.cn/")
  }

  @Test func tbxEntriesWithoutEnglishUnknownStatusesAndDCTStyle() throws {
    let text = """
      <tbx xmlns:basic="http://www.tbxinfo.net/ns/basic"><text><body>
      <conceptEntry id="only-chinese"><langSec xml:lang="zh"><termSec><term>两个维护</term></termSec></langSec></conceptEntry>
      <conceptEntry id="dct"><langSec xml:lang="en">
      <termSec><term>Two Upholds</term><basic:administrativeStatus>admittedTerm-admn-sts</basic:administrativeStatus></termSec>
      <termSec><term>Two Safeguards</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></termSec>
      <termSec><term>Two Maintains</term><termNote type="administrativeStatus">obsolete</termNote></termSec>
      <termSec><term>Two Protects</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec></conceptEntry>
      </body></text></tbx>
      """
    let imported = try GlossaryImport.read(Array(text.utf8), path: "e.tbx", format: .tbx)
    let term = try #require(try Self.loaded([imported]).terms.first)
    #expect(term.id == "dct")
    #expect(term.preferred?.text == "Two Safeguards")
    // An unknown status is no status; a second preferred term is accepted.
    #expect(Self.texts(term.accepted) == ["Two Upholds", "Two Protects", "Two Maintains"])
    #expect(
      imported.notices.map { "\($0.location?.line ?? 0): \($0.message)" } == [
        "2: skipped an entry with no English term",
        "6: unknown administrative status 'obsolete' of “Two Maintains”: taken as no status",
        "7: a second preferred term “Two Protects”: listed as accepted",
      ])
  }

  @Test func deeplyNestedRegexKeysAreRefusedNotRecursedInto() {
    let deep = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
    #expect(RegexForms.expand(deep) == nil)
  }

  // MARK: CSV and TSV

  @Test func csvWithBOMCRLFQuotedCommasLineBreaksAndQuotes() throws {
    let bytes = try FileReader.contents(of: Self.fixture("terms.csv"))
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(bytes.contains(0x0D))
    let terms = try Self.loaded([try Self.importFixture("terms.csv")]).terms
    #expect(
      terms.map(\.id) == ["double-eight-strategy", "belt-and-road-initiative", "two-establishes"])
    // `;` and `|` both separate forms.
    #expect(
      Self.texts(terms[0].variants) == [
        "Eight-Eight Strategy", "88th Strategy", "Eight Eight Strategy",
      ])
    #expect(
      terms[0].note
        == "Zhejiang's strategy, proposed in 2003.\nSay \"Double-Eight\", not \"Eight-Eight\".")
    #expect(terms[1].sourceForms == ["一带一路", "“一带一路”倡议"])
    #expect(Self.texts(terms[1].variants) == ["One Belt, One Road", "One Belt One Road"])
    #expect(terms[1].note == nil)
    #expect(terms[2].accepted.isEmpty)
    #expect(terms[2].reference == "Xinhua")
  }

  @Test func tsvColumnsInAnyOrder() throws {
    let terms = try Self.loaded([try Self.importFixture("terms.tsv")]).terms
    #expect(terms.map(\.id) == ["common-prosperity", "two-safeguards"])
    #expect(terms[1].preferred?.text == "Two Upholds")
    // A quote inside an unquoted TSV field is text.
    #expect(Self.texts(terms[1].variants) == ["Two Safeguards", "\"Two Maintains\""])
  }

  @Test func delimitedRecordsFollowRFC4180() throws {
    let text = "a,\"b,\"\"c\"\"\r\nd\",\r\n\r\n\"\",x\r\nlast,"
    let file = try SourceFile(path: "t.csv", bytes: Array(text.utf8))
    let records = try DelimitedText.records(file, separator: UInt8(ascii: ","))
    #expect(
      records.map { $0.map(\.text) } == [["a", "b,\"c\"\nd", ""], ["", "x"], ["last", ""]])
    #expect(DelimitedImport.split(#"a|b;c\|d\\|"#) == ["a", "b", "c|d\\"])
    #expect(DelimitedImport.split(DelimitedImport.escape(#"x|y;z\"#)) == [#"x|y;z\"#])
  }

  // MARK: prh and Vale

  @Test func prhRulesWithRegexPatternsReportedAsSkipped() throws {
    let imported = try Self.importFixture("prh.yml")
    #expect(imported.format == .prh)
    let terms = try Self.loaded([imported]).terms
    #expect(terms.map(\.id) == ["double-eight-strategy", "belt-and-road-initiative"])
    // Two rules with one `expected` are one concept; the case-only pattern is left to `form`.
    #expect(Self.texts(terms[0].variants) == ["Eight-Eight Strategy", "88th Strategy"])
    #expect(terms[0].note == "National outlets write 'Double-Eight Strategy'.")
    #expect(Self.texts(terms[1].variants) == ["One Belt One Road", "One Belt, One Road"])
    let lines = imported.notices.map { "\($0.location?.line ?? 0): \($0.message)" }
    #expect(
      lines.contains {
        $0.hasPrefix("12: skipped the regular expression pattern /Eight[- ]Eighth? Strategy/")
      })
    #expect(lines.contains { $0.hasPrefix("13: skipped the pattern “double-eight strategy”") })
    #expect(
      lines.contains {
        $0.hasPrefix("17: skipped the regular expression pattern /(Global \\w+) Proposal/")
      })
    #expect(lines.contains { $0.hasPrefix("16: skipped the rule for “$1 Initiative”") })
  }

  @Test func valeSubstitutionAlternationsBecomeVariants() throws {
    let imported = try Self.importFixture("vale-swap.yml")
    #expect(imported.format == .vale)
    let terms = try Self.loaded([imported]).terms
    #expect(
      terms.map(\.id) == [
        "double-eight-strategy", "belt-and-road-initiative",
        "community-with-a-shared-future-for-mankind",
      ])
    #expect(
      Self.texts(terms[0].variants) == [
        "Eight-Eight Strategy", "Eighty-Eight Strategy", "88th Strategy", "Double 8 Strategy",
        "Double 8 Strategies",
      ])
    // `good|other`: the first is preferred, the others accepted. ignorecase: any case.
    #expect(Self.texts(terms[1].accepted) == ["BRI"])
    #expect(Self.texts(terms[1].variants) == ["One Belt, One Road", "One Belt One Road"])
    #expect(terms.allSatisfy { !$0.matchCase && $0.reference == "https://english.news.cn/" })
    let skipped = imported.notices.map { "\($0.location?.line ?? 0): \($0.message)" }
    #expect(
      skipped.contains { $0.hasPrefix("11: skipped the key “\\bcommunity of \\w+ destiny\\b”") })
    #expect(skipped.contains { $0.hasPrefix("12: skipped “within the (.*)?directory”") })
  }

  @Test func valeWithoutIgnorecaseMatchesTheListedCase() throws {
    let text = "extends: substitution\nswap:\n  Eight-Eight Strategy: Double-Eight Strategy\n"
    let imported = try GlossaryImport.read(Array(text.utf8), path: "Rule.yml", format: .vale)
    let term = try #require(try Self.loaded([imported]).terms.first)
    #expect(term.matchCase)
    #expect(term.reference == "Vale rule, Rule.yml:3")
  }

  @Test(arguments: [
    ("(?:give|gave) rise to", ["give rise to", "gave rise to"]),
    ("colou?r", ["color", "colour"]),
    (#"e\.g\.|for\s+example"#, ["e.g.", "for example"]),
    (#"\bOne Belt(?:,)? One Road\b"#, ["One Belt One Road", "One Belt, One Road"]),
    ("(?i)plain", ["plain"]),
  ])
  func regexKeysExpandToTheirForms(pattern: String, forms: [String]) {
    #expect(RegexForms.expand(pattern)?.forms.sorted() == forms.sorted())
  }

  @Test(arguments: [#"\w+ Strategy"#, "a.b", "[ab]c", "x*", "(a|b", "a{2}", "^a$"])
  func regexKeysBeyondListsAreRefused(pattern: String) {
    #expect(RegexForms.expand(pattern) == nil)
  }

  // MARK: Errors

  @Test(arguments: [
    (
      "broken.tbx", InterchangeFormat.tbx,
      "<martif>\n <text><body>\n  <termEntry>\n   <langSet xml:lang=\"en\"><tig><term>A</term></tig>\n  </termEntry>\n",
      "broken.tbx:5:", "Opening and ending tag mismatch"
    ),
    (
      "entity.tbx", .tbx,
      "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n<!ENTITY boom \"x\">\n]>\n<martif/>\n",
      "entity.tbx:3:", "declares the entity"
    ),
    ("root.tbx", .tbx, "<xliff version=\"1.2\"/>\n", "root.tbx:1:1", "not a TBX file"),
    (
      "open.csv", .csv, "id,preferred\r\na,\"Double-Eight\r\n", "open.csv:2:3",
      "quoted field is not closed"
    ),
    (
      "columns.csv", .csv, "id,source,preferred,colour,variants,usage\n", "columns.csv:1:21",
      "unknown columns 'colour' (column 4), 'usage' (column 6)"
    ),
    (
      "count.csv", .csv, "id,preferred\na,b,c\n", "count.csv:2:1",
      "this row has 3 fields; the header has 2"
    ),
    (
      "quote.csv", .csv, "id,preferred\na,b\"c\n", "quote.csv:2:4",
      "a quote inside an unquoted field"
    ),
    (
      "after.csv", .csv, "preferred\n\"a\"b\n", "after.csv:2:4",
      "text after a quoted field's closing quote"
    ),
    (
      "twice.csv", .csv, "preferred,Preferred\n", "twice.csv:1:11",
      "the column 'preferred' is named twice"
    ),
    (
      "forms.csv", .csv, "id,source,preferred\na,八八战略,\n", "forms.csv:2:1",
      "no preferred, accepted or variant"
    ),
    ("empty.tsv", .tsv, "", "empty.tsv:1:1", "the file is empty"),
    ("empty.yml", .prh, "# nothing\n", "empty.yml:1:1", "the prh file is empty"),
    ("Empty.yml", .vale, "", "Empty.yml:1:1", "the Vale rule is empty"),
    (
      "rules.yml", .prh, "rules:\n  - expected: X\n    pattern: [a, b\n", "rules.yml:4:1",
      "invalid YAML"
    ),
    (
      "norule.yml", .prh, "rules:\n  - pattern: a\n", "norule.yml:2:5",
      "a prh rule needs 'expected:'"
    ),
    (
      "Vale.yml", .vale, "extends: existence\ntokens: [a]\n", "Vale.yml:1:1",
      "not a Vale substitution rule"
    ),
    (
      "Swap.yml", .vale, "extends: substitution\nswap: [a]\n", "Swap.yml:2:7",
      "'swap' must be a mapping"
    ),
  ])
  func malformedInputIsAnErrorAtItsPosition(
    name: String, format: InterchangeFormat, text: String, place: String, message: String
  ) {
    do {
      _ = try GlossaryImport.read(Array(text.utf8), path: name, format: format)
      Issue.record("\(name) was read")
    } catch {
      #expect(error.description.hasPrefix(place), "\(error)")
      #expect(error.message.contains(message), "\(error)")
    }
  }

  @Test func invalidUTF8IsAnErrorAtItsByte() {
    do {
      _ = try GlossaryImport.read(Array("preferred\nab".utf8) + [0xFF], path: "b.csv", format: .csv)
      Issue.record("read")
    } catch {
      #expect(error.description.hasPrefix("b.csv:2:3: not valid UTF-8"), "\(error)")
    }
  }

  // MARK: glossary check

  @Test(arguments: ["basic.tbx", "v3.tbx", "terms.csv", "terms.tsv", "prh.yml", "vale-swap.yml"])
  func importedGlossariesPassTheCheck(name: String) throws {
    let glossary = try Self.loaded([try Self.importFixture(name)])
    #expect(!glossary.terms.isEmpty)
    #expect(GlossaryChecker.check([glossary]).map(\.description) == [])
  }

  @Test func idsAreMadeUniqueAcrossFiles() throws {
    let a = try Self.importFixture("terms.csv")
    let b = try Self.importFixture("basic.tbx")
    let (glossary, notices) = GlossaryImport.glossary([a, b])
    #expect(glossary.terms.map(\.id).filter { $0.hasPrefix("double-eight-strategy") }.count == 2)
    #expect(glossary.terms.map(\.id).contains("double-eight-strategy-2"))
    #expect(notices.contains { $0.message.contains("written as 'double-eight-strategy-2'") })
    #expect(Set(glossary.terms.map(\.id)).count == glossary.terms.count)
  }

  // MARK: Round trips

  /// Every concept keeps its id, source forms, preferred, accepted, variants, note and
  /// reference (TBX also the forms' notes).
  static func expectSameConcepts(
    _ imported: [Term], _ original: [Term], formNotes: Bool, names: Bool = false
  ) {
    #expect(imported.count == original.count)
    for (back, term) in zip(imported, original) {
      #expect(back.id == term.id)
      #expect(back.sourceForms == term.sourceForms, "\(term.id)")
      #expect(back.preferred?.text == term.preferred?.text, "\(term.id)")
      #expect(texts(back.accepted) == texts(term.accepted), "\(term.id)")
      #expect(texts(back.variants) == texts(term.variants), "\(term.id)")
      if formNotes {
        #expect(back.accepted.map(\.note) == term.accepted.map(\.note), "\(term.id)")
        #expect(back.variants.map(\.note) == term.variants.map(\.note), "\(term.id)")
      }
      #expect(back.note == term.note, "\(term.id)")
      #expect(back.reference == term.reference, "\(term.id)")
      if names { #expect(texts(back.containedIn) == texts(term.containedIn), "\(term.id)") }
    }
  }

  @Test(arguments: [ExportFormat.tbx, .csv])
  func bundledDictionariesRoundTrip(format: ExportFormat) throws {
    let original = GlossaryExport.terms(try GlossarySet.bundled())
    #expect(original.count == 400)
    #expect(original.contains { $0.preferred == nil })
    #expect(original.contains { $0.variants.contains { $0.note != nil } })
    let text = try GlossaryExport.write(original, as: format, title: "bundled")
    let imported = try GlossaryImport.read(
      Array(text.utf8), path: "bundled.\(format.rawValue)",
      format: format == .tbx ? .tbx : .csv)
    #expect(imported.notices.map(\.description) == [])
    let back = try Self.loaded([imported]).terms
    Self.expectSameConcepts(back, original, formNotes: format == .tbx, names: format == .csv)
    if format == .csv { #expect(original.contains { !$0.containedIn.isEmpty }) }
  }

  @Test func containedInHasACSVColumnOnlyWhenAConceptHasNames() throws {
    var term = Term(
      id: "peoples-congress", source: "人民代表大会", preferred: Form(text: "people's congress"))
    let plain = try GlossaryExport.write([term], as: .csv, title: "t")
    #expect(plain.hasPrefix("id,source,preferred,accepted,variants,note,reference\r\n"))
    term.containedIn = [
      Form(text: "Jiaxing Municipal People's Congress"), Form(text: "People's Congress of A|B"),
    ]
    let named = try GlossaryExport.write([term], as: .csv, title: "t")
    #expect(
      named.hasPrefix("id,source,preferred,accepted,variants,note,reference,contained_in\r\n"))
    #expect(named.contains(",Jiaxing Municipal People's Congress|People's Congress of A\\|B\r\n"))
    let back = try Self.loaded([
      try GlossaryImport.read(Array(named.utf8), path: "t.csv", format: .csv)
    ]).terms
    #expect(back.first.map { Self.texts($0.containedIn) } == Self.texts(term.containedIn))
    // TBX-Basic has no place for them: not carried.
    let tbx = try GlossaryExport.write([term], as: .tbx, title: "t")
    #expect(!tbx.contains("Jiaxing"))
  }

  @Test(arguments: [ExportFormat.tbx, .csv])
  func textsThatNeedEscapingRoundTrip(format: ExportFormat) throws {
    let tricky = Term(
      id: "tricky", source: "“八八”战略", otherSourceForms: [Form(text: "八|八;战略")],
      preferred: Form(text: "R&D <Strategy> \"Double\""),
      accepted: [Form(text: "a, b; c | d \\ e", note: "note with ]]> and &amp;")],
      variants: [Form(text: "Eight-Eight Strategy")],
      note: "line one,\r\nline \"two\"\n\tthree <b>&</b>", reference: "https://example.org/?a=1&b=2"
    )
    let text = try GlossaryExport.write([tricky], as: format, title: "T & <T>")
    let imported = try GlossaryImport.read(
      Array(text.utf8), path: "t.\(format.rawValue)", format: format == .tbx ? .tbx : .csv)
    var expected = tricky
    // CSV keeps no form notes; a CR LF inside a field reads as a line feed.
    if format == .csv {
      expected.accepted[0].note = nil
      expected.note = "line one,\nline \"two\"\n\tthree <b>&</b>"
    }
    Self.expectSameConcepts(try Self.loaded([imported]).terms, [expected], formNotes: true)
  }

  @Test func exportRefusesTextXMLCannotHold() {
    let term = Term(id: "bell", preferred: Form(text: "bell \u{07} here"))
    #expect(throws: TermLintError.self) {
      _ = try GlossaryExport.write([term], as: .tbx, title: "t")
    }
  }

  @Test func laterGlossariesReplaceConceptsByID() {
    let a = Glossary(
      name: "a", path: "a.yml",
      terms: [
        Term(id: "x", preferred: Form(text: "X")), Term(id: "y", preferred: Form(text: "Y")),
      ])
    let b = Glossary(name: "b", path: "b.yml", terms: [Term(id: "x", preferred: Form(text: "X2"))])
    #expect(GlossaryExport.terms([a, b]).map { $0.preferred?.text } == ["X2", "Y"])
  }

  // MARK: Commands

  @Test func importCommandWritesOnlyAWholeGlossary() throws {
    let folder = try TemporaryDirectory()
    let out = folder.url.appendingPathComponent("out.yml").path
    let written = try CLI.run(["glossary", "import", Self.fixture("basic.tbx"), "-o", out])
    #expect(written.status == 0, "\(written.stderr)")
    #expect(written.stdout.isEmpty)
    #expect(written.stderr.contains("basic.tbx:46:9: warning: terms in de are left out"))
    #expect(written.stderr.contains("wrote 3 concepts from 1 file"))
    let check = try CLI.run(["glossary", "check", out])
    #expect(check.status == 0, "\(check.stdout)")
    // A malformed file: exit 2, the earlier output is left as it was.
    let before = try FileReader.contents(of: out)
    let bad = try folder.write("bad.csv", "id,preferred,colour\n")
    let failed = try CLI.run(["glossary", "import", Self.fixture("terms.csv"), bad, "-o", out])
    #expect(failed.status == 2)
    #expect(failed.stderr.contains("bad.csv:1:14: error: unknown column 'colour' (column 3)"))
    #expect(try FileReader.contents(of: out) == before)
    let none = folder.url.appendingPathComponent("none.yml").path
    _ = try CLI.run(["glossary", "import", bad, "-o", none])
    #expect(!FileManager.default.fileExists(atPath: none))
    let unknown = try CLI.run(["glossary", "import", try folder.write("terms.txt", "x")])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("--from"))
    let stdout = try CLI.run(["glossary", "import", "--from", "csv", Self.fixture("terms.tsv")])
    #expect(stdout.status == 2)
  }

  @Test func exportCommandWritesTBXAndCSV() throws {
    let folder = try TemporaryDirectory()
    let tbx = try CLI.run(["glossary", "export", "--to", "tbx"])
    #expect(tbx.status == 0)
    #expect(
      tbx.stdout.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"en\">"))
    #expect(tbx.stdout.components(separatedBy: "<termEntry ").count - 1 == 400)
    let own = try folder.write(
      "own.yml", "terms:\n  - id: x\n    source: 某\n    preferred: X\n    reference: r\n")
    let csvPath = folder.url.appendingPathComponent("own.csv").path
    let csv = try CLI.run(["glossary", "export", "--no-builtin", own, "--to", "csv", "-o", csvPath])
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(
      String(decoding: try FileReader.contents(of: csvPath), as: UTF8.self)
        == "id,source,preferred,accepted,variants,note,reference\r\nx,某,X,,,,r\r\n")
    let nothing = try CLI.run(["glossary", "export", "--no-builtin", "--to", "csv"])
    #expect(nothing.status == 64)
  }
}
