import Foundation
import Testing

@testable import TermLint
@testable import TermLintLSP

// MARK: Helpers

private func frame(_ json: String) -> [UInt8] { MessageFramer.frame(Array(json.utf8)) }

/// The messages of a server's output, parsed.
private func messages(_ bytes: [UInt8]) throws -> [JSONValue] {
  var framer = MessageFramer()
  framer.append(bytes)
  var result: [JSONValue] = []
  while let event = framer.next() {
    guard case .message(let body) = event else {
      Issue.record("bad frame in the server's output")
      continue
    }
    result.append(try JSONParser.parse(body))
  }
  #expect(framer.pending == 0)
  return result
}

/// A server driven in memory: what it writes and logs is collected.
private final class Harness {
  var written: [UInt8] = []
  var logged: [String] = []
  var server: LanguageServer!

  init() {
    server = LanguageServer(
      version: "test", output: { [unowned self] in self.written += $0 },
      log: { [unowned self] in self.logged.append($0) })
  }

  /// Sends one message (JSON text) and returns what the server wrote in answer.
  @discardableResult
  func send(_ json: String, flush: Bool = true) throws -> [JSONValue] {
    written = []
    server.receive(frame(json))
    if flush { server.flush() }
    return try messages(written)
  }

  @discardableResult
  func request(_ id: Int, _ method: String, _ params: String = "{}") throws -> [JSONValue] {
    try send(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
  }

  @discardableResult
  func notify(_ method: String, _ params: String) throws -> [JSONValue] {
    try send(#"{"jsonrpc":"2.0","method":"\#(method)","params":\#(params)}"#)
  }

  func initialize(
    _ capabilities: String =
      #"{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":[]}}}}}"#,
    root: String? = nil
  ) throws {
    let rootPart = root.map { #","rootUri":"\#(FileURI.uri($0))""# } ?? ""
    let answer = try request(
      1, "initialize", #"{"processId":null,"capabilities":\#(capabilities)\#(rootPart)}"#)
    #expect(answer.first?["result"]?["capabilities"] != nil)
    try notify("initialized", "{}")
  }

  @discardableResult
  func open(_ uri: String, _ text: String, version: Int = 1) throws -> [JSONValue] {
    try notify(
      "textDocument/didOpen",
      JSONValue.object([
        "textDocument": [
          "uri": .string(uri), "languageId": "plaintext", "version": .int(version),
          "text": .string(text),
        ]
      ]).text)
  }
}

private func publications(_ messages: [JSONValue]) -> [JSONValue] {
  messages.filter { $0["method"] == "textDocument/publishDiagnostics" }
}

private func diagnostics(_ messages: [JSONValue], rule: String? = nil) -> [JSONValue] {
  (publications(messages).last?["params"]?["diagnostics"]?.arrayValue ?? []).filter {
    rule == nil || $0["code"]?.stringValue == rule
  }
}

/// A small deterministic generator for the damaged-message test.
private struct SplitMix {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

private func position(_ line: Int, _ character: Int) -> LSPPosition {
  LSPPosition(line: line, character: character)
}

private let unsafeGlossary = """
  terms:
    - id: double-eight-strategy
      source: 八八战略
      preferred: Double-Eight Strategy
      variants: [Eight-Eight Strategy, 88th Strategy]
    - id: common-prosperity
      source: 共同富裕
      preferred: common prosperity
      variants: [shared wealth]
      fix: unsafe
  """

// MARK: Framing

@Suite struct LSPFramingTests {
  @Test func severalMessagesInOneReadAndOneSplitOverMany() throws {
    var framer = MessageFramer()
    framer.append(frame(#"{"a":1}"#) + frame(#"{"b":"é😀"}"#))
    #expect(framer.next() == .message(Array(#"{"a":1}"#.utf8)))
    #expect(framer.next() == .message(Array(#"{"b":"é😀"}"#.utf8)))
    #expect(framer.next() == nil)
    // Byte by byte, the header's own CR LF pairs split too.
    let bytes = frame(#"{"c":[1,2,3]}"#)
    var events: [MessageFramer.Event] = []
    for byte in bytes {
      framer.append([byte])
      while let event = framer.next() { events.append(event) }
    }
    #expect(events == [.message(Array(#"{"c":[1,2,3]}"#.utf8))])
    #expect(framer.pending == 0)
  }

  @Test func otherHeadersAndCaseAreAccepted() {
    var framer = MessageFramer()
    framer.append(
      Array(
        "content-length:  2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
          .utf8))
    #expect(framer.next() == .message(Array("{}".utf8)))
  }

  @Test func aBadHeaderIsReportedAndReadingResumesAtTheNextMessage() {
    for bad in [
      "Content-Lenght: 7\r\n\r\n{\"x\":1}", "Content-Length: 12x\r\n\r\n{}", "garbage\r\n\r\n",
      "Content-Length: -3\r\n\r\n{}",
    ] {
      var framer = MessageFramer()
      framer.append(Array(bad.utf8) + frame(#"{"ok":true}"#))
      var events: [MessageFramer.Event] = []
      while let event = framer.next() { events.append(event) }
      #expect(events.count == 2, "\(bad)")
      if case .badHeader = events.first {} else { Issue.record("no bad header for \(bad)") }
      #expect(events.last == .message(Array(#"{"ok":true}"#.utf8)), "\(bad)")
    }
  }

  @Test func anEndlessHeaderIsDroppedWithoutHoldingIt() {
    var framer = MessageFramer()
    framer.append([UInt8](repeating: UInt8(ascii: "x"), count: 20_000))
    if case .badHeader = framer.next() {} else { Issue.record("no bad header") }
    #expect(framer.next() == nil)
    #expect(framer.pending < 16)
    framer.append(frame("{}"))
    #expect(framer.next() == .message(Array("{}".utf8)))
  }

  @Test func anOversizedBodyIsSkipped() {
    var framer = MessageFramer(maxContentLength: 100)
    framer.append(Array("Content-Length: 1000\r\n\r\n".utf8))
    if case .badHeader = framer.next() {} else { Issue.record("no bad header") }
    for _ in 0..<10 {
      framer.append([UInt8](repeating: UInt8(ascii: "y"), count: 100))
      #expect(framer.next() == nil)
      #expect(framer.pending == 0)
    }
    framer.append(frame("[]"))
    #expect(framer.next() == .message(Array("[]".utf8)))
  }
}

// MARK: JSON and JSON-RPC

@Suite struct LSPJSONTests {
  @Test func parsesAndWritesJSON() throws {
    let value = try JSONParser.parse(
      #" {"s":"a\"b\\c\n\u00e9\ud83d\ude00\/","n":-12,"d":1.5e2,"t":true,"z":null,"a":[]} "#)
    #expect(value["s"] == .string("a\"b\\c\né😀/"))
    #expect(value["n"] == .int(-12))
    #expect(value["d"]?.intValue == 150)
    #expect(value["t"] == .bool(true))
    #expect(value["z"] == .null)
    #expect(try JSONParser.parse(value.serialized) == value)
    #expect(JSONValue.object(["b": 1, "a": "\u{1}"]).text == #"{"a":"\u0001","b":1}"#)
  }

  @Test func aLoneSurrogateEscapeBecomesTheReplacementCharacter() throws {
    #expect(try JSONParser.parse(#""x\ud83dy""#) == .string("x\u{FFFD}y"))
    #expect(try JSONParser.parse(#""\ude00""#) == .string("\u{FFFD}"))
  }

  @Test func rejectsMalformedJSON() {
    for bad in [
      "", "{", #"{"a":}"#, "[1,]", "01", "1.", "tru", #""a"#, "\"\u{1}\"", "{} x", #"{"a" 1}"#,
      String(repeating: "[", count: 10_000),
    ] {
      #expect(throws: JSONParseError.self, "\(bad.prefix(20))") { try JSONParser.parse(bad) }
    }
    #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
  }

  @Test func decodesJSONRPCMessagesAndNamesTheErrors() {
    func failure(_ text: String) -> IncomingMessage.Failure? {
      if case .failure(let failure) = IncomingMessage.decode(Array(text.utf8)) { return failure }
      return nil
    }
    #expect(failure("{nope")?.error.code == RPCError.parseError)
    #expect(failure("{nope")?.id == .null)
    #expect(failure("[]")?.error.code == RPCError.invalidRequest)
    #expect(failure(#"{"jsonrpc":"2.0","id":1,"method":5}"#)?.error.code == RPCError.invalidRequest)
    #expect(failure(#"{"jsonrpc":"2.0","id":1,"method":5}"#)?.id == .int(1))
    #expect(failure(#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#)?.error.code == -32600)
    #expect(failure(#"{"id":1,"method":"x"}"#)?.error.code == -32600)
    #expect(failure(#"{"jsonrpc":"2.0","id":1,"method":"x","params":3}"#)?.error.code == -32600)
    #expect(
      IncomingMessage.decode(Array(#"{"jsonrpc":"2.0","id":"a","method":"m"}"#.utf8))
        == .success(.request(id: "a", method: "m", params: nil)))
    #expect(
      IncomingMessage.decode(Array(#"{"jsonrpc":"2.0","method":"n","params":{}}"#.utf8))
        == .success(.notification(method: "n", params: .object([:]))))
  }

  @Test func fileURIs() {
    #expect(FileURI.path("file:///tmp/a%20b/%E6%B5%99.md") == "/tmp/a b/浙.md")
    #expect(FileURI.path("file://localhost/etc/x") == "/etc/x")
    #expect(FileURI.path("untitled:Untitled-1") == nil)
    #expect(FileURI.path("file:///a%00b") == nil)
    #expect(FileURI.uri("/tmp/a b/浙#.md") == "file:///tmp/a%20b/%E6%B5%99%23.md")
    #expect(FileURI.path(FileURI.uri("/tmp/a b/浙#?.md")) == "/tmp/a b/浙#?.md")
  }
}

// MARK: Positions

@Suite struct LSPPositionTests {
  /// Every character boundary of `text` maps to a position and back, in every encoding.
  func roundTrips(_ text: String) {
    let bytes = Array(text.utf8)
    let table = LineTable(bytes)
    var boundaries = [0]
    for scalar in text.unicodeScalars { boundaries.append(boundaries.last! + scalar.utf8.count) }
    for encoding in PositionEncoding.allCases {
      for offset in boundaries {
        let position = table.position(of: offset, in: bytes, encoding: encoding)
        let back = table.resolve(position, in: bytes, encoding: encoding)
        // A CR LF pair is one line break: the offset between CR and LF is not a position.
        if offset > 0 && offset < bytes.count && bytes[offset - 1] == 0x0D && bytes[offset] == 0x0A
        {
          continue
        }
        #expect(back.offset == offset, "\(encoding) \(offset) in \(text.debugDescription)")
        #expect(!back.splitCharacter && !back.pastEnd)
      }
    }
  }

  @Test func astralCharactersCountTwoUTF16Units() {
    let text = "a😀b🇨🇳c"
    let bytes = Array(text.utf8)
    let table = LineTable(bytes)
    let b = 5  // after "a" and the 4-byte emoji
    #expect(table.position(of: b, in: bytes, encoding: .utf16) == position(0, 3))
    #expect(table.position(of: b, in: bytes, encoding: .utf8) == position(0, 5))
    #expect(table.position(of: b, in: bytes, encoding: .utf32) == position(0, 2))
    // The flag is two regional indicators: four UTF-16 units.
    let c = bytes.count - 1
    #expect(table.position(of: c, in: bytes, encoding: .utf16) == position(0, 8))
    roundTrips(text)
  }

  @Test func cjkAndCombiningMarks() {
    let text = "浙江 e\u{301}x 八八战略"
    let bytes = Array(text.utf8)
    let table = LineTable(bytes)
    let x = Array("浙江 e\u{301}".utf8).count
    #expect(table.position(of: x, in: bytes, encoding: .utf16) == position(0, 5))
    #expect(table.position(of: x, in: bytes, encoding: .utf8) == position(0, 10))
    roundTrips(text)
  }

  @Test func lineBreaksCRLFAndCRAndTheByteOrderMark() {
    let text = "\u{FEFF}one\r\ntwo😀\rthree\nfour"
    let bytes = Array(text.utf8)
    let table = LineTable(bytes)
    #expect(table.lineCount == 4)
    // The BOM is a character of line 0.
    #expect(table.position(of: 3, in: bytes, encoding: .utf16) == position(0, 1))
    #expect(table.resolve(position(1, 0), in: bytes, encoding: .utf16).offset == 8)
    // Past the end of a line: its end, before the CR LF.
    let pastEnd = table.resolve(position(0, 99), in: bytes, encoding: .utf16)
    #expect(pastEnd.offset == 6 && pastEnd.pastEnd)
    #expect(table.resolve(position(9, 0), in: bytes, encoding: .utf16).offset == bytes.count)
    #expect(table.position(of: bytes.count, in: bytes, encoding: .utf16) == position(3, 4))
    roundTrips(text)
  }

  @Test func aPositionInsideASurrogatePairIsClamped() {
    let bytes = Array("x😀y".utf8)
    let table = LineTable(bytes)
    let down = table.resolve(position(0, 2), in: bytes, encoding: .utf16)
    #expect(down == LineTable.Resolved(offset: 1, splitCharacter: true, pastEnd: false))
    let up = table.resolve(position(0, 2), in: bytes, encoding: .utf16, rounding: .up)
    #expect(up == LineTable.Resolved(offset: 5, splitCharacter: true, pastEnd: false))
    // In UTF-8, inside a sequence.
    #expect(table.resolve(position(0, 3), in: bytes, encoding: .utf8).offset == 1)
  }

  @Test func encodingNegotiation() {
    #expect(PositionEncoding.negotiate(nil) == .utf16)
    #expect(PositionEncoding.negotiate(["utf-32", "utf-16"]) == .utf16)
    #expect(PositionEncoding.negotiate(["utf-16", "utf-8"]) == .utf8)
  }
}

// MARK: Incremental edits

@Suite struct LSPDocumentTests {
  func edited(
    _ text: String, _ changes: [(LSPRange?, String)], _ encoding: PositionEncoding = .utf16
  )
    -> (String, Bool)
  {
    var document = TextDocument(
      uri: "file:///t.txt", languageID: "plaintext", version: 1, text: text)
    var split = false
    for (range, replacement) in changes {
      split =
        document.apply(ContentChange(range: range, text: replacement), encoding: encoding) || split
    }
    return (document.text, split)
  }

  func range(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> LSPRange {
    LSPRange(start: position(a, b), end: position(c, d))
  }

  @Test func insertsDeletesAndReplacesInSequence() {
    let text = "🎉 the Eight-Eight Strategy\r\nand 浙江\n"
    // Positions after the emoji are in UTF-16 units: "🎉 " is three.
    let (result, split) = edited(
      text,
      [
        (range(0, 7, 0, 18), "Double-Eight"),  // replace "Eight-Eight"
        (range(1, 4, 1, 6), "Zhejiang"),  // replace the CJK
        (range(0, 3, 0, 3), "(1) "),  // insert
        (range(0, 32, 1, 0), " "),  // join the lines: delete the CR LF
        (range(0, 0, 0, 2), ""),  // delete the emoji
      ])
    #expect(result == " (1) the Double-Eight Strategy and Zhejiang\n")
    #expect(!split)
    #expect(edited(text, [(nil, "new")]).0 == "new")
  }

  @Test func theSameEditInUTF8() {
    let (result, _) = edited("🎉 the 88th Strategy", [(range(0, 9, 0, 13), "Double-Eight")], .utf8)
    #expect(result == "🎉 the Double-Eight Strategy")
  }

  @Test func aChangeThatSplitsASurrogatePairIsWidenedToTheWholeCharacter() {
    // Deleting the first UTF-16 unit of the emoji deletes the emoji.
    #expect(edited("a😀b", [(range(0, 1, 0, 2), "")]) == ("ab", true))
    // Inserting between its two halves inserts before it.
    #expect(edited("a😀b", [(range(0, 2, 0, 2), "X")]) == ("aX😀b", true))
    // A replacement ending inside it replaces it whole.
    #expect(edited("a😀b", [(range(0, 0, 0, 2), "Z")]) == ("Zb", true))
  }

  @Test func clampsRangesPastTheEndAndReadsReversedRanges() {
    #expect(edited("abc\ndef", [(range(0, 99, 5, 0), "!")]).0 == "abc!")
    #expect(edited("abcdef", [(range(0, 4, 0, 1), "")]).0 == "aef")
  }
}

// MARK: Diagnostics and code actions

@Suite struct LSPMappingTests {
  @Test func diagnosticsInUTF16WithData() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let text = "🎉🇨🇳 浙江: the Eight-Eight Strategy\n"
    let document = TextDocument(
      uri: "file:///t.txt", languageID: "plaintext", version: 3, text: text)
    let found = try linter.lint(try SourceFile(path: "t.txt", bytes: document.bytes))
    let variant = try #require(found.first { $0.rule == "variant" })
    let json = LSPMapping.diagnostic(variant, in: document, encoding: .utf16)
    // "🎉🇨🇳 浙江: the " is 2 + 4 + 1 + 2 + 2 + 4 = 15 UTF-16 units.
    #expect(json["range"] == LSPRange(start: position(0, 15), end: position(0, 35)).json)
    #expect(json["severity"] == 2)
    #expect(json["code"] == "variant")
    #expect(json["source"] == "termlint")
    #expect(json["message"]?.stringValue == variant.message)
    #expect(json["data"]?["fix"]?["applicability"] == "safe")
    #expect(
      json["data"]?["fix"]?["edits"]
        == [["range": json["range"] ?? .null, "newText": "Double-Eight Strategy"]])
    #expect(json["data"]?["concept"] == "double-eight-strategy")
    #expect([Severity.error, .warning, .info].map(LSPMapping.severity) == [1, 2, 3])
  }

  @Test func quickFixesSafePreferredUnsafeLabelledAndFixAll() throws {
    let linter = try makeLinter(unsafeGlossary, off: ["inconsistent"])
    let text = "The 88th Strategy brings shared wealth.\n"
    let document = TextDocument(
      uri: "file:///t.txt", languageID: "plaintext", version: 7, text: text)
    let file = try SourceFile(path: "t.txt", bytes: document.bytes)
    let found = try linter.lint(file)
    #expect(found.map(\.rule) == ["variant", "variant"])
    let whole = TextRange(start: 0, end: document.bytes.count)
    let fixed = try Fixer.fix(file, linter: linter, unsafe: false).bytes
    let actions = LSPMapping.codeActions(
      for: whole, in: document, diagnostics: found, encoding: .utf16, only: nil, versioned: true,
      fixAll: fixed)
    #expect(actions.count == 3)
    #expect(actions[0]["title"] == "Replace with “Double-Eight Strategy”")
    #expect(actions[0]["kind"] == "quickfix")
    #expect(actions[0]["isPreferred"] == true)
    #expect(
      actions[0]["edit"]?["documentChanges"]?.arrayValue?.first?["textDocument"]
        == ["uri": "file:///t.txt", "version": 7])
    #expect(
      actions[1]["title"] == "Replace with “common prosperity” (unsafe fix: check the sentence)")
    #expect(actions[1]["isPreferred"] == false)
    #expect(actions[2]["kind"] == "source.fixAll.termlint")
    let edit = actions[2]["edit"]?["documentChanges"]?.arrayValue?.first?["edits"]?.arrayValue?
      .first
    #expect(edit?["newText"] == "Double-Eight")
    #expect(edit?["range"] == LSPRange(start: position(0, 4), end: position(0, 8)).json)

    // Only the findings the range touches; `only` filters by kind, sub-kinds included.
    let first = LSPMapping.codeActions(
      for: TextRange(start: 5, end: 5), in: document, diagnostics: found, encoding: .utf16,
      only: ["quickfix"], versioned: false, fixAll: fixed)
    #expect(first.count == 1)
    #expect(first[0]["edit"]?["changes"]?["file:///t.txt"] != nil)
    let sources = LSPMapping.codeActions(
      for: whole, in: document, diagnostics: found, encoding: .utf16, only: ["source.fixAll"],
      versioned: false, fixAll: fixed)
    #expect(sources.map { $0["kind"] } == ["source.fixAll.termlint"])
    #expect(LSPMapping.wanted("source.fixAll.termlint", only: ["source"]))
    #expect(!LSPMapping.wanted("source.fixAllX", only: ["source.fixAll"]))
  }

  @Test func theFixAllEditIsCutAtCharacterBoundaries() {
    // 江 and 汇 share their first two UTF-8 bytes.
    let edit = LSPMapping.replacement(from: Array("浙江省".utf8), to: Array("浙汇省".utf8))
    #expect(edit.range == TextRange(start: 3, end: 6))
    #expect(edit.replacement == "汇")
    let same = LSPMapping.replacement(from: Array("aXa".utf8), to: Array("aa".utf8))
    #expect(same.range.length == 1 && same.replacement.isEmpty)
  }

  @Test func hoverIsTheExplainTextInMarkdown() throws {
    let linter = try makeLinter(off: ["inconsistent"])
    let found = try lint("the Eight-Eight Strategy", with: linter)
    let text = LSPMapping.hover(found, glossary: linter.glossary, markdown: true)
    let term = try #require(linter.glossary.term(id: "double-eight-strategy"))
    #expect(text.contains("```text\n" + Explainer.describe(term) + "```"))
    #expect(text.hasPrefix("**termlint** `variant` (warning): "))
    let plain = LSPMapping.hover(found, glossary: linter.glossary, markdown: false)
    #expect(plain.contains(Explainer.describe(term)))
    #expect(!plain.contains("```"))
  }
}

// MARK: The server

@Suite struct LSPServerTests {
  @Test func lifecycleAndExitStatus() throws {
    let harness = Harness()
    let early = try harness.request(5, "textDocument/hover")
    #expect(early.first?["error"]?["code"] == .int(RPCError.serverNotInitialized))
    try harness.initialize()
    let again = try harness.request(2, "initialize")
    #expect(again.first?["error"]?["code"] == -32600)
    #expect(try harness.request(3, "shutdown").first?["result"] == .null)
    #expect(try harness.request(4, "textDocument/hover").first?["error"]?["code"] == -32600)
    try harness.notify("exit", "{}")
    #expect(harness.server.exitCode == 0)

    let rude = Harness()
    try rude.initialize()
    try rude.notify("exit", "{}")
    #expect(rude.server.exitCode == 1)

    let gone = Harness()
    try gone.initialize()
    #expect(gone.server.endOfInput() == 1)
  }

  @Test func malformedMessagesGetTheirErrorCodesAndTheServerGoesOn() throws {
    let harness = Harness()
    try harness.initialize()
    #expect(try harness.send("{oops").first?["error"]?["code"] == -32700)
    #expect(try harness.send("{oops").first?["id"] == .null)
    #expect(try harness.send(#"{"jsonrpc":"2.0","id":9,"method":1}"#).first?["id"] == 9)
    #expect(try harness.request(10, "no/such").first?["error"]?["code"] == -32601)
    let bad = try harness.request(11, "textDocument/hover", #"{"textDocument":{"uri":"x"}}"#)
    #expect(bad.first?["error"]?["code"] == -32602)
    #expect(bad.first?["id"] == 11)
    let badRange = try harness.request(
      12, "textDocument/codeAction",
      #"{"textDocument":{"uri":"x"},"range":{"start":{"line":-1,"character":0}}}"#)
    #expect(badRange.first?["error"]?["code"] == -32602)
    // A notification with bad params is logged, not answered.
    #expect(try harness.notify("textDocument/didChange", #"{"textDocument":{}}"#).isEmpty)
    #expect(harness.logged.contains { $0.contains("textDocument.uri is missing") })
    // A bad header is logged and skipped.
    harness.written = []
    harness.server.receive(Array("Content-Length: zz\r\n\r\n".utf8))
    #expect(harness.logged.last?.contains("bad message header") == true)
    #expect(try harness.request(13, "shutdown").first?["id"] == 13)
  }

  @Test func publishesOnOpenAndAfterEachIncrementalChange() throws {
    let directory = try TemporaryDirectory()
    let harness = Harness()
    try harness.initialize()
    let uri = FileURI.uri(directory.path + "/doc.txt")
    let opened = try harness.open(uri, "🎉 the Eight-Eight Strategy.\n")
    let variant = try #require(diagnostics(opened, rule: "variant").first)
    #expect(variant["range"] == LSPRange(start: position(0, 7), end: position(0, 27)).json)
    #expect(publications(opened).first?["params"]?["version"] == 1)

    // Two changes in one read: linted once, for the last version.
    harness.written = []
    for (version, text) in [(2, "88th Strategy"), (3, "Double-Eight Strategy")] {
      let params: JSONValue = [
        "textDocument": ["uri": .string(uri), "version": .int(version)],
        "contentChanges": [
          [
            "range": LSPRange(start: position(0, 7), end: position(0, version == 2 ? 27 : 20)).json,
            "text": .string(text),
          ]
        ],
      ]
      harness.server.receive(
        frame(#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":\#(params.text)}"#))
    }
    harness.server.flush()
    let after = try messages(harness.written)
    #expect(publications(after).count == 1)
    #expect(publications(after).first?["params"]?["version"] == 3)
    #expect(diagnostics(after, rule: "variant").isEmpty)

    // A request sees the document as changed, without waiting for a flush.
    let change: JSONValue = [
      "textDocument": ["uri": .string(uri), "version": 4],
      "contentChanges": [["text": "Now the 88th Strategy."]],
    ]
    try harness.send(
      #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":\#(change.text)}"#,
      flush: false)
    let hover = try harness.send(
      #"{"jsonrpc":"2.0","id":20,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(uri)"},"position":{"line":0,"character":10}}}"#,
      flush: false)
    #expect(publications(hover).count == 1)
    let value = hover.last?["result"]?["contents"]?["value"]?.stringValue ?? ""
    #expect(value.contains("八八战略  [double-eight-strategy]"))
    let actions = try harness.request(
      21, "textDocument/codeAction",
      #"{"textDocument":{"uri":"\#(uri)"},"range":{"start":{"line":0,"character":9},"end":{"line":0,"character":9}},"context":{"diagnostics":[]}}"#
    )
    let titles = actions.last?["result"]?.arrayValue?.compactMap { $0["title"]?.stringValue }
    #expect(
      titles == [
        "Replace with “Double-Eight Strategy”", "Fix all termlint safe fixes in this file",
      ])

    // Closing clears the diagnostics.
    let closed = try harness.notify("textDocument/didClose", #"{"textDocument":{"uri":"\#(uri)"}}"#)
    #expect(publications(closed).first?["params"]?["diagnostics"] == [])
  }

  @Test func aBrokenConfigurationIsShownAndTheLastGoodOneStays() throws {
    let directory = try TemporaryDirectory()
    let config = try directory.write(".lint.yml", "rules: {variant: error\n")
    let harness = Harness()
    try harness.initialize()
    let uri = FileURI.uri(directory.path + "/sub/doc.txt")
    let opened = try harness.open(uri, "the Eight-Eight Strategy")
    let shown = opened.filter { $0["method"] == "window/showMessage" }
    #expect(shown.count == 1)
    #expect(shown.first?["params"]?["type"] == 1)
    #expect(shown.first?["params"]?["message"]?.stringValue?.contains(config + ":") == true)
    // Nothing good loaded yet: no diagnostics, and no crash.
    #expect(diagnostics(opened).isEmpty)

    try directory.write(".lint.yml", "rules: {variant: error, inconsistent: off}\n")
    let mended = try harness.notify(
      "workspace/didChangeWatchedFiles",
      #"{"changes":[{"uri":"\#(FileURI.uri(config))","type":2}]}"#)
    #expect(diagnostics(mended, rule: "variant").first?["severity"] == 1)

    // Broken again (no notification: the modification time is checked before each lint).
    try directory.write(".lint.yml", "rules: {variant: sometimes}\n")
    let change: JSONValue = [
      "textDocument": ["uri": .string(uri), "version": 2],
      "contentChanges": [["text": "the Eight-Eight Strategy!"]],
    ]
    let broken = try harness.notify("textDocument/didChange", change.text)
    #expect(broken.contains { $0["method"] == "window/showMessage" })
    #expect(diagnostics(broken, rule: "variant").first?["severity"] == 1)
    #expect(diagnostics(broken, rule: "inconsistent").isEmpty)
  }

  @Test func aProjectGlossaryIsUsedAndReadAgainWhenItChanges() throws {
    let directory = try TemporaryDirectory()
    try directory.write(".lint.yml", "builtin: false\nglossaries: [terms/house.yml]\n")
    let house = """
      terms:
        - id: double-eight-strategy
          source: 八八战略
          preferred: Eight-Eight Strategy
          variants: [Double-Eight Strategy]
      """
    try directory.write("terms/house.yml", house)
    let harness = Harness()
    try harness.initialize()
    let uri = FileURI.uri(directory.path + "/doc.txt")
    let opened = try harness.open(uri, "the Double-Eight Strategy")
    #expect(
      diagnostics(opened, rule: "variant").first?["data"]?["fix"]?["edits"]?.arrayValue?.first?[
        "newText"] == "Eight-Eight Strategy")
    // The house style changes back; the next lint (here, a hover) reads it again.
    try directory.write(
      "terms/house.yml",
      """
      terms:
        - id: double-eight-strategy
          source: 八八战略
          preferred: Double-Eight Strategy
          variants: [Eight-Eight Strategy, 88th Strategy]
      """)
    let hover = try harness.request(
      5, "textDocument/hover",
      #"{"textDocument":{"uri":"\#(uri)"},"position":{"line":0,"character":6}}"#)
    #expect(diagnostics(hover).isEmpty)
    #expect(publications(hover).count == 1)
    #expect(hover.last?["result"] == .null)
  }

  @Test func excludedFilesAreNotLinted() throws {
    let directory = try TemporaryDirectory()
    try directory.write(".lint.yml", "exclude: [\"drafts/\"]\n")
    let harness = Harness()
    try harness.initialize()
    let draft = try harness.open(FileURI.uri(directory.path + "/drafts/a.txt"), "the 88th Strategy")
    #expect(publications(draft).count == 1)
    #expect(diagnostics(draft).isEmpty)
    let kept = try harness.open(FileURI.uri(directory.path + "/b.txt"), "the 88th Strategy")
    #expect(!diagnostics(kept, rule: "variant").isEmpty)
  }

  @Test func saveRepublishesAndUnsavedBuffersUseTheWorkspaceConfiguration() throws {
    let directory = try TemporaryDirectory()
    try directory.write(".lint.yml", "rules: {variant: error}\n")
    let harness = Harness()
    try harness.initialize(root: directory.path)
    let opened = try harness.open("untitled:Untitled-1", "the 88th Strategy")
    #expect(diagnostics(opened, rule: "variant").first?["severity"] == 1)
    let saved = try harness.notify(
      "textDocument/didSave", #"{"textDocument":{"uri":"untitled:Untitled-1"}}"#)
    #expect(publications(saved).count == 1)
    #expect(diagnostics(saved, rule: "variant").count == 1)
  }

  /// Valid messages with random damage (bytes changed, cut short, numbers replaced by
  /// extreme values, ranges inside characters), framed well or badly: the server answers or
  /// logs, and never traps.
  @Test func damagedMessagesNeverStopTheServer() throws {
    var random = SplitMix(seed: 16)
    let uri = "file:///tmp/termlint-fuzz/a.txt"
    let valid = [
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\#(uri)","languageId":"plaintext","version":1,"text":"🎉a😀\r\nthe 88th Strategy 浙江\n"}}}"#,
      #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(uri)","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":1},"end":{"line":1,"character":3}},"text":"x😀"}]}}"#,
      #"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"\#(uri)"},"position":{"line":1,"character":6}}}"#,
      #"{"jsonrpc":"2.0","id":8,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(uri)"},"range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}},"context":{"diagnostics":[],"only":["source"]}}}"#,
    ]
    let numbers = [
      "-1", "0", "1", "2", "3", "99999999999999999999", "1e308", "2.5", "\"1\"", "null",
    ]
    let harness = Harness()
    try harness.initialize()
    for _ in 0..<3000 {
      var bytes = Array(valid[Int(random.next() % UInt64(valid.count))].utf8)
      switch random.next() % 4 {
      case 0:
        for _ in 0..<1 + Int(random.next() % 4) where !bytes.isEmpty {
          bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
        }
      case 1:
        bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
      default:
        // Positions and versions become extreme values.
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacing(/("(?:line|character|version)":)[0-9]+/) { match in
          match.output.1 + numbers[Int(random.next() % UInt64(numbers.count))]
        }
        bytes = Array(text.utf8)
      }
      let framed =
        random.next() % 10 == 0
        ? Array("Content-Length: \(random.next() % 50)\r\n\r\n".utf8) + bytes
        : MessageFramer.frame(bytes)
      harness.written = []
      harness.server.receive(framed)
      harness.server.flush()
      _ = try messages(harness.written)
    }
    #expect(try harness.request(99, "shutdown").last?["id"] == 99)
  }

  @Test func utf8WhenTheClientOffersIt() throws {
    let harness = Harness()
    try harness.initialize(#"{"general":{"positionEncodings":["utf-8","utf-16"]}}"#)
    #expect(harness.server.encoding == .utf8)
    let opened = try harness.open("untitled:Untitled-1", "🎉 the Eight-Eight Strategy")
    let variant = try #require(diagnostics(opened, rule: "variant").first)
    #expect(variant["range"] == LSPRange(start: position(0, 9), end: position(0, 29)).json)
  }
}
