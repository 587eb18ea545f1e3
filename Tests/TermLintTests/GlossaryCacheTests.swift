import Foundation
import Testing

@testable import TermLint

/// The compiled glossary cache: a stored glossary matches exactly as a fresh compile, and a
/// stale, damaged, foreign or unwritable cache only costs a rebuild.
@Suite struct GlossaryCacheTests {
  static let glossary = """
    terms:
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
        accepted: [Double Eight Strategy]
        variants: [Eight-Eight Strategy, 88th Strategy, Eighth Eighth Strategy]
        note: Zhejiang's development plan of 2003
      - id: two-sessions
        preferred: Two Sessions
        variants: [Double Sessions, "“two meetings”"]
        quotes: optional
      - id: ten-thousand
        preferred: "10,000 Villages Project"
        variants: [Ten Thousand Villages Project]
    """

  static let text = """
    The Eight-Eight Strategy and the 88th Strategies; Double Eight Strategy.
    The “two meetings” and two meetings, the Double Sessions, 2 Sessions.
    TEN THOUSAND VILLAGES PROJECT and the 10 000 Villages Project.
    """

  /// A fresh folder under the temporary folder, with the glossary written in it.
  static func setUp(_ yaml: String = glossary) throws -> (folder: String, glossary: String) {
    let folder = NSTemporaryDirectory() + "termlint-cache-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/terms.yml"
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return (folder, path)
  }

  /// The cache file's bytes of the fixture glossary under `key` (compiled through a cache
  /// folder removed afterwards).
  static func encodedFixture(key: (UInt64, UInt64)) throws -> [UInt8] {
    let (folder, path) = try setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder, toolVersion: "test")
    let (compiled, _) = try cache.compiled(builtin: false, paths: [path])
    return try #require(GlossaryCache.encode(compiled, key: key))
  }

  static func findings(_ compiled: CompiledGlossary) throws -> [String] {
    let linter = Linter(glossary: compiled, severities: Configuration(root: ".").severities)
    return try lint(text, with: linter).map {
      "\($0.rule) \($0.range.start)-\($0.range.end) \($0.message) \($0.fix?.edits ?? [])"
    }
  }

  static func entryFields(_ compiled: CompiledGlossary) -> [String] {
    compiled.entries.map {
      "\($0.termIndex) \($0.kind) \($0.form) \($0.folded) \($0.pluralText ?? "-") \($0.unquotedText ?? "-")"
    }
  }

  @Test func storedGlossaryIsTheCompiledOne() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder + "/cache", toolVersion: "test")
    let (first, outcome) = try cache.compiled(builtin: true, paths: [path])
    #expect(outcome == .compiled(stored: true))
    let (second, again) = try cache.compiled(builtin: true, paths: [path])
    #expect(again == .hit)
    let fresh = CompiledGlossary(
      glossaries: try GlossarySet.bundled() + [try GlossarySet.load(path: path)])
    #expect(second.terms == fresh.terms)
    #expect(Self.entryFields(second) == Self.entryFields(fresh))
    #expect(second.replaced.map(\.new) == fresh.replaced.map(\.new))
    #expect(try Self.findings(second) == Self.findings(fresh))
    #expect(try Self.findings(first) == Self.findings(fresh))
    #expect(!(try Self.findings(fresh)).isEmpty)
  }

  /// The fixture glossary compiled into a fresh cache folder, then read back from it (a
  /// hit); the caller removes the folder.
  static func cachedFixture(builtin: Bool) throws -> (
    cached: CompiledGlossary, folder: String, path: String
  ) {
    let (folder, path) = try setUp()
    let cache = GlossaryCache(folder: folder, toolVersion: "test")
    _ = try cache.compiled(builtin: builtin, paths: [path])
    let (cached, outcome) = try cache.compiled(builtin: builtin, paths: [path])
    #expect(outcome == .hit)
    return (cached, folder, path)
  }

  @Test func numeralIndexIsStoredToo() throws {
    let (cached, folder, _) = try Self.cachedFixture(builtin: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(cached.storedNumerals != nil)
    let numeral = try Self.findings(cached).filter { $0.hasPrefix("numeral-variant") }
    #expect(!numeral.isEmpty)
  }

  /// The reorder index comes from the cache with the glossary (building it was most of a
  /// cached load) and finds exactly what a freshly built one finds.
  @Test func reorderIndexIsStoredToo() throws {
    let (cached, folder, path) = try Self.cachedFixture(builtin: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let stored = try #require(cached.storedReorders)
    let fresh = CompiledGlossary(
      glossaries: try GlossarySet.bundled() + [try GlossarySet.load(path: path)])
    #expect(fresh.storedReorders == nil)
    let built = ReorderIndex(glossary: fresh)
    #expect(stored.shapes.count == built.shapes.count)
    #expect(stored.shapes.map(\.words) == built.shapes.map(\.words))
    #expect(stored.shapes.map(\.hyphens) == built.shapes.map(\.hyphens))
    let text =
      (ReorderedRuleTests.mustFlag.map { MarkedText($0).text } + ReorderedRuleTests.mustNot)
      .joined(separator: "\n\n")
    func reordered(_ compiled: CompiledGlossary) throws -> [String] {
      let linter = Linter(glossary: compiled, severities: Configuration(root: ".").severities)
      return try lint(text, with: linter).filter { $0.rule == "reordered" }.map {
        "\($0.range.start)-\($0.range.end) \($0.replacement ?? "-")"
      }
    }
    let found = try reordered(cached)
    #expect(found.count == ReorderedRuleTests.mustFlag.count + 1)
    #expect(found == (try reordered(fresh)))
  }

  /// A stored reorder index is checked against the glossary it is read with: ids past its
  /// tables, or a glossary of another size, give nil.
  @Test func storedReorderIndexIsChecked() throws {
    let compiled = CompiledGlossary(glossaries: try GlossarySet.bundled())
    let index = ReorderIndex(glossary: compiled)
    var writer = BinaryWriter()
    index.encode(into: &writer)
    let bytes = writer.bytes
    func decode(_ bytes: [UInt8], terms: Int) -> ReorderIndex? {
      bytes.withUnsafeBytes { raw in
        var reader = BinaryReader(raw, range: 0..<raw.count)
        return ReorderIndex.decode(from: &reader, entries: compiled.entries, termCount: terms)
      }
    }
    let back = try #require(decode(bytes, terms: compiled.terms.count))
    #expect(back.shapes.map(\.sorted) == index.shapes.map(\.sorted))
    #expect(back.shapes.map(\.entry) == index.shapes.map(\.entry))
    #expect(decode(bytes, terms: compiled.terms.count + 1) == nil)
    #expect(decode(Array(bytes.dropLast(4)), terms: compiled.terms.count) == nil)
    // The stored word count (after the vocabulary and three arrays) cut to one: the
    // surfaces' and shapes' word ids are then out of range.
    var small = BinaryWriter()
    index.vocabulary.encode(into: &small)
    small.table(index.surfaceWord)
    small.table(index.surfacePlural)
    small.array(index.headWord.map { _ in Int32(-1) })
    small.int(1)
    let rest = Array(bytes[(small.bytes.count)...])
    #expect(decode(small.bytes + rest, terms: compiled.terms.count) == nil)
    // A word count of two billion (every id is then in range) is refused before any table
    // of that size is made.
    var huge = BinaryWriter()
    index.vocabulary.encode(into: &huge)
    huge.table(index.surfaceWord)
    huge.table(index.surfacePlural)
    huge.table(index.headWord)
    huge.int(Int(Int32.max) - 1)
    #expect(decode(huge.bytes + rest, terms: compiled.terms.count) == nil)
  }

  /// The cache file the `cache` fuzz target damages has every table, and its text finds
  /// what each of them is for (else the fuzzer would not reach their checks).
  @Test func exerciseFileHasEveryTable() throws {
    let file = try #require(GlossaryCache.exerciseFile)
    #expect(GlossaryCache.exerciseFile(edited: []) == file)
    let compiled = try #require(GlossaryCache.decode(file, key: GlossaryCache.exerciseKey))
    #expect(compiled.storedNumerals != nil)
    #expect(try #require(compiled.storedReorders).shapes.count >= 2)
    let linter = Linter(glossary: compiled, severities: Configuration(root: ".").severities)
    let rules = Set(try lint(GlossaryCache.exerciseText, with: linter).map(\.rule))
    #expect(rules.isSuperset(of: ["reordered", "numeral-variant", "variant"]), "\(rules)")
  }

  @Test func changedSourceOrOptionsAreAMiss() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder, toolVersion: "test")
    _ = try cache.compiled(builtin: false, paths: [path])
    #expect(try cache.compiled(builtin: false, paths: [path]).1 == .hit)
    #expect(try cache.compiled(builtin: true, paths: [path]).1 == .compiled(stored: true))
    let other = GlossaryCache(folder: folder, toolVersion: "another version")
    #expect(try other.compiled(builtin: false, paths: [path]).1 == .compiled(stored: true))
    try (Self.glossary + "\n  - id: extra\n    preferred: Extra Term\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let (changed, outcome) = try cache.compiled(builtin: false, paths: [path])
    #expect(outcome == .compiled(stored: true))
    #expect(changed.term(id: "extra") != nil)
  }

  /// The cache file of the only entry in `folder`.
  static func entryFile(_ folder: String) throws -> String {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".tlc")
    }
    try #require(names.count == 1)
    return folder + "/" + names[0]
  }

  @Test func damagedCacheIsRebuiltNeverTrusted() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder, toolVersion: "test")
    let (reference, _) = try cache.compiled(builtin: false, paths: [path])
    let expected = try Self.findings(reference)
    let file = try Self.entryFile(folder)
    let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
    var generator = SeededRandom(seed: 14)
    for round in 0..<60 {
      var bytes = good
      switch round % 4 {
      case 0:
        bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
      case 1:
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
          let at = Int.random(in: 0..<bytes.count, using: &generator)
          bytes[at] ^= UInt8.random(in: 1...255, using: &generator)
        }
      case 2:
        bytes = (0..<Int.random(in: 0..<4096, using: &generator)).map { _ in
          UInt8.random(in: 0...255, using: &generator)
        }
      default:
        // The header kept (right key), the payload random: the checksum refuses it.
        bytes =
          Array(bytes.prefix(GlossaryCache.headerSize))
          + (0..<Int.random(in: 0..<2048, using: &generator)).map { _ in
            UInt8.random(in: 0...255, using: &generator)
          }
      }
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let (compiled, outcome) = try cache.compiled(builtin: false, paths: [path])
      #expect(outcome == .compiled(stored: true), "round \(round)")
      #expect(try Self.findings(compiled) == expected, "round \(round)")
    }
    #expect(try cache.compiled(builtin: false, paths: [path]).1 == .hit)
    // One letter changed inside a stored form: only the checksum can tell.
    var renamed = good
    let word = Array("Eighth Eighth".utf8)
    let at = try #require(
      (0...(renamed.count - word.count)).first { Array(renamed[$0..<$0 + word.count]) == word })
    renamed[at] = UInt8(ascii: "F")
    try Data(renamed).write(to: URL(fileURLWithPath: file))
    let (compiled, outcome) = try cache.compiled(builtin: false, paths: [path])
    #expect(outcome == .compiled(stored: true))
    #expect(try Self.findings(compiled) == expected)
  }

  /// A payload whose checksum is right but whose content is wrong (as a bug or a foreign
  /// writer could make): the decoder's own checks refuse it, or it decodes to a glossary
  /// the matcher can use without trapping.
  @Test func wrongPayloadWithRightChecksumNeverTraps() throws {
    let key = (UInt64(1), UInt64(2))
    let good = try Self.encodedFixture(key: key)
    #expect(GlossaryCache.decode(good, key: key) != nil)
    #expect(GlossaryCache.decode(good, key: (1, 3)) == nil)
    for file in Self.wrongPayloads(of: good, key: key, seed: 1414) {
      if let decoded = GlossaryCache.decode(file, key: key) {
        _ = try Self.findings(decoded)
        GlossaryCache.exerciseReads(decoded)
      }
    }
  }

  /// Threads that read a stored term at once get the one term: findings share its summary
  /// and the rules read it in place.
  @Test func storedTermsAreDecodedOnceForAllThreads() throws {
    let key = (UInt64(1), UInt64(2))
    let glossary = try #require(GlossaryCache.decode(try Self.encodedFixture(key: key), key: key))
    let slots = Slots<[ObjectIdentifier]>(count: 8)
    DispatchQueue.concurrentPerform(iterations: 8) { thread in
      slots[thread] = (0..<glossary.terms.count).reversed().map {
        ObjectIdentifier(glossary.terms.shared($0))
      }
    }
    let seen = slots.values.compactMap { $0 }
    #expect(seen.count == 8)
    #expect(Set(seen).count == 1)
    #expect(Set(seen[0]).count == glossary.terms.count)
  }

  /// Lazy slots under eight threads reading 10,000 slots in different orders: every slot
  /// is one object for all of them, and the slots release what they hold when they go.
  @Test func lazySlotsPublishOneObjectEach() throws {
    final class Made: Sendable {
      let index: Int
      init(_ index: Int) { self.index = index }
    }
    weak var kept: Made?
    do {
      let slots = LazySlots<Made>(count: 10_000)
      let seen = Slots<[ObjectIdentifier]>(count: 8)
      DispatchQueue.concurrentPerform(iterations: 8) { thread in
        let order = thread % 2 == 0 ? Array(0..<10_000) : Array((0..<10_000).reversed())
        var identities = [ObjectIdentifier](
          repeating: ObjectIdentifier(Made.self), count: 10_000)
        for index in order {
          let made = slots.value(index) { Made(index) }
          precondition(made.index == index)
          identities[index] = ObjectIdentifier(made)
        }
        seen[thread] = identities
      }
      let all = seen.values.compactMap { $0 }
      #expect(all.count == 8 && Set(all).count == 1)
      kept = slots.value(7) { Made(-1) }
      #expect(kept?.index == 7)
    }
    #expect(kept == nil)
  }

  /// The fixture's glossary as stored, and as decoded after `edit` changed the payload from
  /// the end of `two-sessions`' id on (the header made right for it).
  static func editingTwoSessions(
    _ edit: (inout [UInt8], Int) throws -> Void
  ) throws -> (fresh: CompiledGlossary, edited: CompiledGlossary) {
    let key = (UInt64(1), UInt64(2))
    let good = try Self.encodedFixture(key: key)
    var payload = Array(good[GlossaryCache.headerSize...])
    let id = try #require(payload.firstRange(of: Array("two-sessions\u{1F}".utf8)))
    try edit(&payload, id.upperBound)
    return (
      try #require(GlossaryCache.decode(good, key: key)),
      try #require(GlossaryCache.decode(GlossaryCache.file(payload: payload, key: key), key: key))
    )
  }

  /// A stored term is decoded when first read. One whose record does not decode (only a
  /// file made to pass the checksum can hold one) reads as a term of the shape its columns
  /// give, with empty forms, so its entries stay inside it; the others read as stored.
  @Test func unreadableTermRecordKeepsItsShape() throws {
    // The record of `two-sessions`: its id, its source (absent), then its count of source
    // forms, here made a letter.
    let (fresh, damaged) = try Self.editingTwoSessions { payload, id in
      let count = try #require(payload[id...].firstIndex(of: 0x1F)) + 1
      #expect(payload[count] == UInt8(ascii: "0"))
      payload[count] = UInt8(ascii: "z")
    }
    let term = damaged.terms[1]
    #expect(term.id == "unreadable-cached-term-1")
    #expect(term.preferred == Form(text: ""))
    #expect(term.variants.count == fresh.terms[1].variants.count)
    #expect(term.accepted.isEmpty && !term.matchCase)
    #expect(damaged.terms[0] == fresh.terms[0])
    #expect(damaged.terms[2] == fresh.terms[2])
    GlossaryCache.exerciseReads(damaged)
    let findings = try Self.findings(damaged)
    #expect(findings.count == (try Self.findings(fresh)).count)
  }

  /// A stored record that decodes, but to another shape than its term's columns (here
  /// `match_case` set in the record and not in the column the matcher reads), reads as the
  /// columns' term too: the matcher and the rules never see two answers for one term.
  @Test func recordOfAnotherShapeReadsAsItsColumns() throws {
    let (fresh, changed) = try Self.editingTwoSessions { payload, id in
      let flag = try #require(
        payload[id...].firstRange(of: Array("\u{1F}standard\u{1F}0\u{1F}".utf8)))
      payload[flag.upperBound - 2] = UInt8(ascii: "1")
    }
    #expect(changed.terms[1].id == "unreadable-cached-term-1")
    #expect(!changed.terms[1].matchCase && !changed.terms.matchCase(1))
    #expect(changed.terms[1].variants.count == fresh.terms[1].variants.count)
    #expect(changed.terms[0] == fresh.terms[0] && changed.terms[2] == fresh.terms[2])
    GlossaryCache.exerciseReads(changed)
  }

  /// 300 cache files made from `good` with one to four random bytes of the payload changed
  /// and the header (checksum included) made right for them: only the structural checks can
  /// refuse them.
  static func wrongPayloads(of good: [UInt8], key: (UInt64, UInt64), seed: UInt64) -> [[UInt8]] {
    var generator = SeededRandom(seed: seed)
    let header = GlossaryCache.headerSize
    var files: [[UInt8]] = []
    for _ in 0..<300 {
      var payload = Array(good[header...])
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let at = Int.random(in: 0..<payload.count, using: &generator)
        payload[at] = UInt8.random(in: 0...255, using: &generator)
      }
      files.append(GlossaryCache.file(payload: payload, key: key))
    }
    return files
  }

  /// `bytes` in memory a cached glossary's tables can be views into.
  static func buffer(_ bytes: [UInt8]) throws -> FileBuffer {
    let buffer = try #require(FileBuffer(byteCount: bytes.count))
    bytes.withUnsafeBytes { raw in
      if let source = raw.baseAddress {
        buffer.pointer.copyMemory(from: source, byteCount: raw.count)
      }
    }
    return buffer
  }

  static func decodeInPlace(_ bytes: [UInt8], key: (UInt64, UInt64)) -> CompiledGlossary? {
    guard let memory = try? buffer(bytes) else { return nil }
    return GlossaryCache.decode(
      UnsafeRawBufferPointer(start: memory.pointer, count: bytes.count), owner: memory, key: key)
  }

  /// A cache file's integer tables are used where the file was read into, and match as the
  /// copies do; the file outlives its reader as long as the glossary lives.
  @Test func tablesAreUsedInPlace() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder, toolVersion: "test")
    let (compiled, _) = try cache.compiled(builtin: false, paths: [path])
    let key = (UInt64(7), UInt64(8))
    let good = try #require(GlossaryCache.encode(compiled, key: key))
    let memory = try Self.buffer(good)
    let inPlace = try #require(
      GlossaryCache.decode(
        UnsafeRawBufferPointer(start: memory.pointer, count: good.count), owner: memory, key: key))
    let copied = try #require(GlossaryCache.decode(good, key: key))
    #expect(inPlace.vocabulary.slots.isView(into: memory))
    #expect(inPlace.transitions.keys.isView(into: memory))
    #expect(inPlace.terminalEntries.isView(into: memory))
    #expect(try #require(inPlace.storedNumerals).terminals.start.isView(into: memory))
    let reorders = try #require(inPlace.storedReorders)
    #expect(reorders.shapes.words.isView(into: memory))
    #expect(reorders.bags.keys.isView(into: memory))
    #expect(inPlace.entries.table.foldedPool.isView(into: memory))
    #expect(inPlace.entries.table.termIndex.isView(into: memory))
    #expect(inPlace.terms.flags.isView(into: memory))
    #expect(!copied.vocabulary.slots.isView(into: memory))
    #expect(try Self.findings(inPlace) == Self.findings(copied))
    #expect(try Self.findings(inPlace) == Self.findings(compiled))
    // The hit read from the folder is in place too and matches the same.
    let (hit, outcome) = try cache.compiled(builtin: false, paths: [path])
    #expect(outcome == .hit)
    #expect(try Self.findings(hit) == Self.findings(compiled))
  }

  /// Wrong bytes behind a right checksum, decoded in place: refused or harmless.
  @Test func wrongPayloadInPlaceNeverTraps() throws {
    let key = (UInt64(1), UInt64(2))
    let good = try Self.encodedFixture(key: key)
    var refused = 0
    for file in Self.wrongPayloads(of: good, key: key, seed: 1415) {
      if let decoded = Self.decodeInPlace(file, key: key) {
        _ = try Self.findings(decoded)
        GlossaryCache.exerciseReads(decoded)
      } else {
        refused += 1
      }
    }
    #expect(refused > 0)
  }

  /// A stored trie edge table is refused without a free slot (a lookup of a missing edge
  /// would never end) or with a negative child in a taken slot; a free slot's value does
  /// not matter, and the largest child is what the decoder checks against the nodes.
  @Test func edgeTablesAreChecked() {
    let empty = TransitionTable.empty
    func table(_ keys: [UInt64], _ values: [Int32]) -> TransitionTable? {
      TransitionTable(keys: FlatTable(keys), values: FlatTable(values))
    }
    #expect(table([1, empty, 2, empty], [3, -1, 0, 7])?.largestValue == 7)
    #expect(table([1, empty, 2, empty], [3, -5, 0, -1]) != nil)
    #expect(table([1, 2, 3, 4], [0, 0, 0, 0]) == nil)
    #expect(table([1, empty, 2, empty], [3, -1, -2, -1]) == nil)
    #expect(table([empty, empty, empty, 9], [0, 0, 0, Int32.min]) == nil)
    #expect(table([1, empty, 2], [0, 0, 0]) == nil)
    #expect(table([1, empty], [0]) == nil)
    // Past eight slots, in case a loop goes by blocks.
    var keys = [UInt64](repeating: empty, count: 64)
    var values = [Int32](repeating: -1, count: 64)
    for slot in stride(from: 0, to: 64, by: 3) {
      keys[slot] = UInt64(slot)
      values[slot] = Int32(slot)
    }
    #expect(table(keys, values)?.largestValue == 63)
    values[60] = -1
    #expect(table(keys, values) == nil)
  }

  /// A byte table compares a range of text with its own bytes (the token table's check of
  /// a hash hit): equal, unequal in the first or the last byte, empty, and past eight
  /// bytes (compared a word at a time), unequal in the word or in the tail.
  @Test func byteTablesCompareRanges() {
    let table = FlatTable(Array("beltroadzoneinfrastructure".utf8))
    let text = Array("the road; infrastructure, infrastructura, infrXstructure".utf8)
    text.withUnsafeBufferPointer { text in
      #expect(table.bytesEqual(at: 4, text, 4, 4))
      #expect(!table.bytesEqual(at: 4, text, 3, 4))
      #expect(!table.bytesEqual(at: 8, text, 4, 4))
      #expect(table.bytesEqual(at: 12, text, 8, 0))
      #expect(table.bytesEqual(at: 12, text, 10, 14))
      #expect(!table.bytesEqual(at: 12, text, 26, 14))
      #expect(!table.bytesEqual(at: 12, text, 42, 14))
    }
  }

  /// Tables are written 8-byte aligned with zero padding; padding that is not zero is
  /// refused, and a table of several megabytes (huge-page memory) reads back whole.
  @Test func tablesAreAlignedAndPaddingChecked() throws {
    var writer = BinaryWriter()
    writer.u8(1)
    let big = (0..<(3 << 20) / 4).map { Int32($0 &* 7) }
    writer.table(FlatTable(big))
    writer.table(FlatTable([UInt64(5), 6]))
    let bytes = writer.bytes
    #expect(bytes.count == 1 + 4 + 3 + big.count * 4 + 4 + 4 + 16)
    let memory = try Self.buffer(bytes)
    let raw = UnsafeRawBufferPointer(start: memory.pointer, count: bytes.count)
    var reader = BinaryReader(raw, range: 0..<bytes.count, owner: memory)
    let lead = reader.u8()
    let read = reader.table(of: Int32.self)
    let second = reader.table(of: UInt64.self).map(Array.init)
    #expect(lead == 1)
    let first = try #require(read)
    #expect(first.isView(into: memory))
    #expect(Array(first) == big)
    #expect(second == [5, 6])
    #expect(reader.atEnd)
    var padded = bytes
    padded[6] = 1
    let other = try Self.buffer(padded)
    var bad = BinaryReader(
      UnsafeRawBufferPointer(start: other.pointer, count: padded.count), range: 0..<padded.count,
      owner: other)
    _ = bad.u8()
    let refused = bad.table(of: Int32.self)
    #expect(refused == nil)
  }

  @Test func unwritableFolderMeansNoCache() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // A folder that cannot exist: its parent is a file.
    let cache = GlossaryCache(folder: path + "/cache", toolVersion: "test")
    let (compiled, outcome) = try cache.compiled(builtin: false, paths: [path])
    #expect(outcome == .compiled(stored: false))
    #expect(!(try Self.findings(compiled)).isEmpty)
    #expect(try cache.compiled(builtin: false, paths: [path]).1 == .compiled(stored: false))
  }

  @Test func concurrentRunsBothSucceed() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder + "/shared", toolVersion: "test")
    let expected = try Self.findings(
      CompiledGlossary(glossaries: [try GlossarySet.load(path: path)]))
    let results = Collected()
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      let found = (try? cache.compiled(builtin: false, paths: [path])).flatMap {
        try? Self.findings($0.0)
      }
      results.append(found ?? [])
    }
    #expect(results.all == Array(repeating: expected, count: 8))
    #expect(try cache.compiled(builtin: false, paths: [path]).1 == .hit)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/shared")
    #expect(leftovers.filter { !$0.hasSuffix(".tlc") }.isEmpty)
  }

  @Test func glossaryErrorsAreNotCached() throws {
    let (folder, path) = try Self.setUp("terms:\n  - id: x\n    preferd: X\n")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = GlossaryCache(folder: folder, toolVersion: "test")
    #expect(throws: TermLintError.self) { try cache.compiled(builtin: false, paths: [path]) }
    #expect(throws: TermLintError.self) { try cache.compiled(builtin: false, paths: [path]) }
    #expect(throws: TermLintError.self) {
      try cache.compiled(builtin: false, paths: [folder + "/missing.yml"])
    }
  }

  @Test func configurationNamesTheCacheFolder() throws {
    let folder = try Configuration.parse(yaml: "cache: .cache/tl\n", path: "/p/.lint.yml")
    #expect(folder.cache == .folder("/p/.cache/tl"))
    #expect(try Configuration.parse(yaml: "cache: false\n", path: "/p/.lint.yml").cache == .off)
    #expect(
      try Configuration.parse(yaml: "builtin: true\n", path: "/p/.lint.yml").cache == .platform)
    #expect(throws: TermLintError.self) {
      try Configuration.parse(yaml: "cache: true\n", path: "/p/.lint.yml")
    }
  }

  /// The CLI stores a compiled glossary in `$XDG_CACHE_HOME/termlint`, reads it the next
  /// time with the same findings, and leaves the cache alone with `--no-cache`.
  @Test func cliUsesTheCacheFolder() throws {
    let (folder, path) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = folder + "/t.txt"
    try Self.text.write(toFile: text, atomically: true, encoding: .utf8)
    let environment = ["XDG_CACHE_HOME": folder + "/xdg"]
    let arguments = ["--no-config", "--glossary", path, "--format", "json", text]
    let noCache = try CLI.run(arguments + ["--no-cache"], environment: environment)
    #expect(!FileManager.default.fileExists(atPath: folder + "/xdg/termlint"))
    let first = try CLI.run(arguments, environment: environment)
    let entries = try FileManager.default.contentsOfDirectory(atPath: folder + "/xdg/termlint")
    #expect(entries.filter { $0.hasSuffix(".tlc") }.count == 1)
    let second = try CLI.run(arguments, environment: environment)
    #expect(first.status == 1)
    #expect(first.stdout == noCache.stdout)
    #expect(second.stdout == first.stdout)
    // An unwritable cache folder (its parent is a file) is no error.
    let blocked = try CLI.run(arguments, environment: ["XDG_CACHE_HOME": path])
    #expect(blocked.status == 1)
    #expect(blocked.stdout == first.stdout)
    #expect(blocked.stderr.isEmpty)
  }

  @Test func oldEntriesAreRemoved() throws {
    let (folder, _) = try Self.setUp()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for index in 0..<12 {
      let path = folder + "/glossary-\(index).tlc"
      try Data([1]).write(to: URL(fileURLWithPath: path))
      var times = [
        timeval(tv_sec: 1000 + index, tv_usec: 0), timeval(tv_sec: 1000 + index, tv_usec: 0),
      ]
      utimes(path, &times)
    }
    GlossaryCache.removeOldEntries(in: folder, keeping: 8)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".tlc")
    }.sorted()
    #expect(left == (4..<12).map { "glossary-\($0).tlc" }.sorted())
  }

  @Test func defaultFolderFollowsXDG() {
    #expect(
      GlossaryCache.defaultFolder(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"])
        == "/x/cache/termlint")
    #expect(
      GlossaryCache.defaultFolder(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])
        == "/h/.cache/termlint")
    #expect(GlossaryCache.defaultFolder(environment: [:]) == nil)
  }
}

/// Results gathered from concurrent threads.
private final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [[String]] = []
  func append(_ item: [String]) { lock.withLock { items.append(item) } }
  var all: [[String]] { lock.withLock { items } }
}
