import GlossaryModel

// Match stage: the concepts of a compiled glossary, decoded when first read.
//
// Takes: the terms of a glossary being compiled, or a cache file's stored terms (their
// `GlossaryCodec` text, where each term's record starts, and a few columns). Gives: the
// terms by index. A stored term is decoded on first use: a run reads the few terms its
// findings name, and decoding all 10,000 of a large glossary at load was a fifth of the
// load (7 ms). What the matcher asks at every candidate (does the concept have a preferred
// form, is it case-sensitive, is it part of longer names, how many forms of each kind) is
// in columns, so it never decodes a term.

/// The terms of a compiled glossary; shared, read-only, safe to read from any thread.
public final class TermList: RandomAccessCollection, Equatable, Sendable {
  /// Per term: bit 0, it has a preferred form; bit 1, `match_case`; bit 2, `contained_in`
  /// is not empty.
  let flags: FlatTable<UInt8>
  let acceptedCount: FlatTable<Int32>
  let variantCount: FlatTable<Int32>
  private let source: Source

  private enum Source {
    case decoded([SharedTerm])
    case stored(StoredTerms)
  }

  static let hasPreferredBit: UInt8 = 1
  static let matchCaseBit: UInt8 = 2
  static let containedInBit: UInt8 = 4

  public var startIndex: Int { 0 }
  public var endIndex: Int { flags.count }

  /// The list of `terms`, decoded already.
  init(_ terms: [Term]) {
    var flags: [UInt8] = []
    var accepted: [Int32] = []
    var variants: [Int32] = []
    flags.reserveCapacity(terms.count)
    for term in terms {
      var bits: UInt8 = 0
      if term.preferred != nil { bits |= Self.hasPreferredBit }
      if term.matchCase { bits |= Self.matchCaseBit }
      if !term.containedIn.isEmpty { bits |= Self.containedInBit }
      flags.append(bits)
      accepted.append(Int32(term.accepted.count))
      variants.append(Int32(term.variants.count))
    }
    self.flags = FlatTable(flags)
    acceptedCount = FlatTable(accepted)
    variantCount = FlatTable(variants)
    source = .decoded(terms.map(SharedTerm.init))
  }

  /// Stored terms, decoded on first use (already checked: see `decode(from:)`).
  private init(
    stored: StoredTerms, flags: FlatTable<UInt8>, acceptedCount: FlatTable<Int32>,
    variantCount: FlatTable<Int32>
  ) {
    self.flags = flags
    self.acceptedCount = acceptedCount
    self.variantCount = variantCount
    source = .stored(stored)
  }

  public subscript(position: Int) -> Term {
    shared(position).value
  }

  /// Term `index`, shared: its fields are read where it lies (`self[index]` is a copy of
  /// every field, a retain and a release of each string and list).
  public func shared(_ index: Int) -> SharedTerm {
    switch source {
    case .decoded(let terms): return terms[index]
    case .stored(let stored):
      precondition(index >= 0 && index < flags.count, "term index out of range")
      return stored.shared(index) { decodeStored(index, stored) }
    }
  }

  /// `body` of term `index` where it lies.
  func withTerm<R>(_ index: Int, _ body: (Term) -> R) -> R {
    body(shared(index).value)
  }

  public static func == (a: TermList, b: TermList) -> Bool {
    a === b || a.elementsEqual(b)
  }

  func hasPreferred(_ index: Int) -> Bool { flags[index] & Self.hasPreferredBit != 0 }
  func matchCase(_ index: Int) -> Bool { flags[index] & Self.matchCaseBit != 0 }
  func hasContainingNames(_ index: Int) -> Bool { flags[index] & Self.containedInBit != 0 }

  /// Stored term `index`. A record that does not decode, or decodes to another shape than
  /// its columns (only a cache file made to pass the checksum can hold one), gives a term
  /// of that shape with empty forms: the entries that point into it stay inside it, and
  /// nothing traps.
  private func decodeStored(_ index: Int, _ stored: StoredTerms) -> Term {
    let path = stored.paths[Int(stored.glossary[index])]
    let decoded = stored.text.withUnsafeBytes { raw in
      GlossaryCodec.decodeTerm(utf8: raw, at: Int(stored.start[index]), path: path)
    }
    if let decoded, (decoded.preferred != nil) == hasPreferred(index),
      decoded.matchCase == matchCase(index),
      decoded.containedIn.isEmpty == !hasContainingNames(index),
      decoded.accepted.count == Int(acceptedCount[index]),
      decoded.variants.count == Int(variantCount[index])
    {
      return decoded
    }
    var term = Term(
      id: "unreadable-cached-term-\(index)",
      preferred: hasPreferred(index) ? Form(text: "") : nil,
      accepted: Array(repeating: Form(text: ""), count: Int(acceptedCount[index])),
      variants: Array(repeating: Form(text: ""), count: Int(variantCount[index])),
      matchCase: matchCase(index))
    if hasContainingNames(index) { term.containedIn = [Form(text: "")] }
    return term
  }

  // MARK: Storage

  /// Appends the terms in `GlossaryCodec` form with where each starts and the columns;
  /// false when the codec cannot hold them.
  func encode(into writer: inout BinaryWriter) -> Bool {
    guard let text = CompiledGlossary.encodeTerms(Array(self)),
      let index = text.withUnsafeBytes({ GlossaryCodec.termStarts(utf8: $0) }),
      index.starts.count == count, text.count <= Int(Int32.max)
    else { return false }
    writer.table(FlatTable(text))
    writer.int(index.paths.count)
    for path in index.paths { writer.string(path) }
    writer.table(FlatTable(index.starts.map { Int32($0) }))
    writer.table(FlatTable(index.glossaries.map { Int32($0) }))
    writer.table(flags)
    writer.table(acceptedCount)
    writer.table(variantCount)
    return true
  }

  /// The list `encode` wrote, or nil when its parts disagree: counts, record starts rising
  /// inside the text, glossaries that exist, no more forms than the text could hold (a
  /// form takes three values, so three bytes at least: a term that does not decode is
  /// made of its counts). The records themselves are read on first use.
  static func decode(from reader: inout BinaryReader) -> TermList? {
    guard let text = reader.table(of: UInt8.self), let pathCount = reader.int(),
      pathCount <= reader.remaining
    else { return nil }
    var paths: [String] = []
    for _ in 0..<pathCount {
      guard let path = reader.string() else { return nil }
      paths.append(path)
    }
    guard let start = reader.table(of: Int32.self), let glossary = reader.table(of: Int32.self),
      let flags = reader.table(of: UInt8.self), let accepted = reader.table(of: Int32.self),
      let variants = reader.table(of: Int32.self)
    else { return nil }
    let count = start.count
    guard glossary.count == count, flags.count == count, accepted.count == count,
      variants.count == count
    else { return nil }
    var previous: Int32 = -1
    var forms = 0
    for index in 0..<count {
      let offset = start[index]
      guard offset > previous, Int(offset) < text.count, glossary[index] >= 0,
        Int(glossary[index]) < paths.count, accepted[index] >= 0, variants[index] >= 0
      else { return nil }
      forms += Int(accepted[index]) + Int(variants[index])
      guard forms <= text.count / 3 else { return nil }
      previous = offset
    }
    return TermList(
      stored: StoredTerms(text: text, paths: paths, start: start, glossary: glossary),
      flags: flags, acceptedCount: accepted, variantCount: variants)
  }
}

/// A cache file's terms: their codec text and where each record starts, with each term
/// decoded once, by whichever thread first reads it.
private final class StoredTerms: Sendable {
  let text: FlatTable<UInt8>
  let paths: [String]
  let start: FlatTable<Int32>
  let glossary: FlatTable<Int32>
  private let decoded: LazySlots<SharedTerm>

  init(text: FlatTable<UInt8>, paths: [String], start: FlatTable<Int32>, glossary: FlatTable<Int32>)
  {
    self.text = text
    self.paths = paths
    self.start = start
    self.glossary = glossary
    decoded = LazySlots(count: start.count)
  }

  /// Term `index`, decoded by `decode` unless an earlier read did (two threads that decode
  /// the same term at once keep the first).
  func shared(_ index: Int, decode: () -> Term) -> SharedTerm {
    decoded.value(index) { SharedTerm(decode()) }
  }
}

/// A term held once and shared: what a rule reads of a match's concept, field by field
/// (`term.casePolicy`), without copying the term.
@dynamicMemberLookup
public final class SharedTerm: Sendable {
  public let value: Term

  init(_ value: Term) { self.value = value }

  @inline(__always)
  public subscript<T>(dynamicMember path: KeyPath<Term, T>) -> T {
    value[keyPath: path]
  }
}
