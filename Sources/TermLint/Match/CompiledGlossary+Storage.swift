import GlossaryModel

// Match stage: a compiled glossary as bytes, for the glossary cache (`GlossaryCache`).
//
// Takes: a `CompiledGlossary`. Gives: its parts as bytes, and back: the terms in
// `GlossaryCodec` form (so a field added to `Term` is stored with no change here), decoded
// one by one on first read (`TermList`); the form table's columns, the token table, trie
// edges and terminal lists as arrays copied in one piece, used in place where the file was
// read into. Decoding checks every index and table invariant the matcher relies on, so
// bytes that pass the cache's checksum but are wrong anyway give nil (or, in one term's
// record, read on first use, a stand-in term of the columns' shape), never a trap.

extension CompiledGlossary {
  /// Appends the glossary's parts to `writer`; false when it cannot be stored (a string
  /// the codec cannot hold, or terms whose forms come from more than one file).
  func encode(into writer: inout BinaryWriter) -> Bool {
    guard let oldBytes = Self.encodeTerms(replaced.map(\.old)),
      let newBytes = Self.encodeTerms(replaced.map(\.new)), terms.encode(into: &writer)
    else { return false }
    writer.bytes(oldBytes)
    writer.bytes(newBytes)
    entries.table.encode(into: &writer)
    vocabulary.encode(into: &writer)
    transitions.encode(into: &writer)
    writer.table(terminalStart)
    writer.table(terminalCount)
    writer.table(terminalEntries)
    writer.flag(storedNumerals != nil)
    storedNumerals?.encode(into: &writer)
    writer.flag(storedReorders != nil)
    storedReorders?.encode(into: &writer)
    return true
  }

  /// The glossary `encode` wrote, or nil when the bytes are not such a glossary.
  static func decode(from reader: inout BinaryReader) -> CompiledGlossary? {
    guard let terms = TermList.decode(from: &reader),
      let olds = reader.byteRange().flatMap({ decodeTerms(reader, $0) }),
      let news = reader.byteRange().flatMap({ decodeTerms(reader, $0) }),
      olds.count == news.count,
      let table = FormTable.decode(from: &reader, terms: terms)
    else { return nil }
    let entries = FormEntries(table: table)
    guard let vocabulary = TokenTable.decode(from: &reader),
      let transitions = TransitionTable.decode(from: &reader),
      let terminalStart = reader.table(of: Int32.self),
      let terminalCount = reader.table(of: Int32.self),
      let terminalEntries = reader.table(of: Int32.self),
      transitions.largestValue < terminalStart.count,
      Self.validTerminals(
        start: terminalStart, count: terminalCount, entries: terminalEntries,
        entryCount: entries.count),
      let hasNumerals = reader.flag()
    else { return nil }
    var numerals: NumeralIndex?
    if hasNumerals {
      guard let index = NumeralIndex.decode(from: &reader, entryCount: entries.count) else {
        return nil
      }
      numerals = index
    }
    var reorders: ReorderIndex?
    guard let hasReorders = reader.flag() else { return nil }
    if hasReorders {
      guard
        let index = ReorderIndex.decode(
          from: &reader, entries: entries, termCount: terms.count)
      else { return nil }
      reorders = index
    }
    return CompiledGlossary(
      terms: terms, entries: entries, replaced: Array(zip(olds, news)).map { ($0, $1) },
      vocabulary: vocabulary, transitions: transitions, terminalStart: terminalStart,
      terminalCount: terminalCount, terminalEntries: terminalEntries, storedNumerals: numerals,
      storedReorders: reorders)
  }

  /// Every node's terminal list lies inside `entries`, whose values are entry indexes.
  private static func validTerminals(
    start: FlatTable<Int32>, count: FlatTable<Int32>, entries: FlatTable<Int32>,
    entryCount: Int
  ) -> Bool {
    guard !start.isEmpty, start.count == count.count else { return false }
    for node in start.indices where start[node] >= 0 {
      let first = Int(start[node])
      let length = Int(count[node])
      guard length > 0, first + length <= entries.count else { return false }
    }
    return entries.allSatisfy { $0 >= 0 && Int($0) < entryCount }
  }

  /// Terms in `GlossaryCodec` form: one glossary per run of terms from the same file (the
  /// codec gives a glossary's path to every location in it). Nil when the codec cannot
  /// hold them or they would not come back equal.
  static func encodeTerms(_ terms: [Term]) -> [UInt8]? {
    var glossaries: [Glossary] = []
    for term in terms {
      let path =
        term.location?.path ?? term.preferred?.location?.path
        ?? (term.accepted + term.variants + term.otherSourceForms).lazy.compactMap(\.location)
        .first?.path ?? ""
      if let last = glossaries.indices.last, glossaries[last].path == path {
        glossaries[last].terms.append(term)
      } else {
        glossaries.append(Glossary(name: "", path: path, terms: [term]))
      }
    }
    guard let text = try? GlossaryCodec.encode(glossaries),
      let back = GlossaryCodec.decode(text), back.flatMap(\.terms) == terms
    else { return nil }
    return Array(text.utf8)
  }

  /// The terms `encodeTerms` wrote (replaced terms: the glossary's own are a `TermList`).
  private static func decodeTerms(_ reader: BinaryReader, _ range: Range<Int>) -> [Term]? {
    reader.withBytes(at: range, GlossaryCodec.decode(utf8:)).map { $0.flatMap(\.terms) }
  }
}

extension FormTable {
  func encode(into writer: inout BinaryWriter) {
    writer.table(termIndex)
    writer.table(formIndex)
    writer.table(kind)
    writer.table(foldedStart)
    writer.table(foldedPool)
    writer.table(pluralStart)
    writer.table(pluralPool)
    writer.table(unquotedStart)
    writer.table(unquotedPool)
  }

  /// The table `encode` wrote for `terms`, its columns used in place; nil when they break
  /// an invariant (see `init?`).
  static func decode(from reader: inout BinaryReader, terms: TermList) -> FormTable? {
    guard let termIndex = reader.table(of: Int32.self),
      let formIndex = reader.table(of: Int32.self), let kind = reader.table(of: UInt8.self),
      let foldedStart = reader.table(of: Int.self),
      let foldedPool = reader.table(of: UInt8.self),
      let pluralStart = reader.table(of: Int.self),
      let pluralPool = reader.table(of: UInt8.self),
      let unquotedStart = reader.table(of: Int.self),
      let unquotedPool = reader.table(of: UInt8.self)
    else { return nil }
    return FormTable(
      terms: terms, termIndex: termIndex, formIndex: formIndex, kind: kind,
      foldedStart: foldedStart, foldedPool: foldedPool, pluralStart: pluralStart,
      pluralPool: pluralPool, unquotedStart: unquotedStart, unquotedPool: unquotedPool)
  }
}

extension TokenTable {
  func encode(into writer: inout BinaryWriter) {
    writer.table(slots)
    writer.table(hashes)
    writer.table(starts)
    writer.table(pool)
  }

  static func decode(from reader: inout BinaryReader) -> TokenTable? {
    guard let slots = reader.table(of: Int32.self), let hashes = reader.table(of: UInt64.self),
      let starts = reader.table(of: Int.self), let pool = reader.table(of: UInt8.self)
    else { return nil }
    return TokenTable(slots: slots, hashes: hashes, starts: starts, pool: pool)
  }

  /// A table from stored arrays, or nil when they break an invariant `lookup` relies on:
  /// a power-of-two slot count with a free slot, ids below the token count, token starts
  /// rising from 0 to the pool's end.
  init?(
    slots: FlatTable<Int32>, hashes: FlatTable<UInt64>, starts: FlatTable<Int>,
    pool: FlatTable<UInt8>
  ) {
    guard !slots.isEmpty, slots.count & (slots.count - 1) == 0,
      slots.contains(-1),
      slots.allSatisfy({ $0 >= -1 && Int($0) < hashes.count }),
      starts.areOffsets(rows: hashes.count, poolCount: pool.count)
    else { return nil }
    self.slots = slots
    self.hashes = hashes
    self.starts = starts
    self.pool = pool
    self.mask = slots.count - 1
  }
}

extension TransitionTable {
  /// Whether a slot is free and no taken slot holds a negative child: one pass over both
  /// arrays, without a branch per slot (half a million slots for 10,000 terms; the three
  /// passes through the tables' iterators this replaced were 8 % of a cached load).
  private static func check(_ keys: FlatTable<UInt64>, _ values: FlatTable<Int32>) -> Bool {
    keys.withUnsafeBytes { keyBytes in
      values.withUnsafeBytes { valueBytes in
        let keys = keyBytes.assumingMemoryBound(to: UInt64.self)
        let values = valueBytes.assumingMemoryBound(to: Int32.self)
        // Arithmetic, not tests: with a third to half of the slots free, a branch on "free"
        // was mispredicted at every other slot.
        var taken = 0
        var negative: UInt64 = 0
        let count = min(keys.count, values.count)
        for slot in 0..<count {
          let difference = keys[slot] ^ empty
          let isTaken = (difference | (0 &- difference)) >> 63
          taken &+= Int(truncatingIfNeeded: isTaken)
          negative |= UInt64(UInt32(bitPattern: values[slot]) >> 31) & isTaken
        }
        return taken < count && negative == 0
      }
    }
  }

  /// The largest value of any slot (free slots hold -1).
  var largestValue: Int32 {
    values.withUnsafeBytes { bytes in
      bytes.assumingMemoryBound(to: Int32.self).reduce(Int32.min) { Swift.max($0, $1) }
    }
  }

  func encode(into writer: inout BinaryWriter) {
    writer.table(keys)
    writer.table(values)
  }

  static func decode(from reader: inout BinaryReader) -> TransitionTable? {
    guard let keys = reader.table(of: UInt64.self), let values = reader.table(of: Int32.self)
    else { return nil }
    return TransitionTable(keys: keys, values: values)
  }

  /// A table from stored arrays, or nil when they break an invariant `child` relies on: a
  /// power-of-two size with a free slot, every child a node (not negative; the caller
  /// checks the upper bound, `largestValue`, where nodes index arrays).
  init?(keys: FlatTable<UInt64>, values: FlatTable<Int32>) {
    guard !keys.isEmpty, keys.count == values.count, keys.count & (keys.count - 1) == 0,
      Self.check(keys, values)
    else { return nil }
    self.keys = keys
    self.values = values
    self.mask = keys.count - 1
  }
}
