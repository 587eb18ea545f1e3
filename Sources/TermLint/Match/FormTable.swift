import GlossaryModel

// Match stage: the matchable forms of a compiled glossary, as columns.
//
// Takes: one row per form (its concept, kind, place in the concept's list, folded bytes and
// derived texts), appended while compiling or read from a cache file. Gives: `FormEntry`
// values, each a row of the table. The columns are flat tables, so a cached glossary's
// forms are used where the file was read into: a load makes no array, string or copy of a
// `Form` per entry (76,706 entries of a 10,000-term glossary cost 10 ms to decode one by
// one).

/// The forms of a compiled glossary, one row each; shared, read-only.
final class FormTable: Sendable {
  let terms: TermList
  let termIndex: FlatTable<Int32>
  let formIndex: FlatTable<Int32>
  let kind: FlatTable<UInt8>
  /// Row `i`'s folded bytes are `foldedPool[foldedStart[i]..<foldedStart[i + 1]]`.
  let foldedStart: FlatTable<Int>
  let foldedPool: FlatTable<UInt8>
  /// The derived plural, UTF-8, in the same shape; an empty range is no plural.
  let pluralStart: FlatTable<Int>
  let pluralPool: FlatTable<UInt8>
  /// The derived form without quotation marks, likewise.
  let unquotedStart: FlatTable<Int>
  let unquotedPool: FlatTable<UInt8>

  var count: Int { termIndex.count }

  /// A table from its columns, or nil when they break an invariant the accessors rely on:
  /// equal counts, offsets rising from 0 to their pool's end, kinds that are kinds, and
  /// every row's form inside its concept's list of that kind.
  init?(
    terms: TermList, termIndex: FlatTable<Int32>, formIndex: FlatTable<Int32>,
    kind: FlatTable<UInt8>, foldedStart: FlatTable<Int>, foldedPool: FlatTable<UInt8>,
    pluralStart: FlatTable<Int>, pluralPool: FlatTable<UInt8>,
    unquotedStart: FlatTable<Int>, unquotedPool: FlatTable<UInt8>
  ) {
    let count = termIndex.count
    guard formIndex.count == count, kind.count == count,
      foldedStart.areOffsets(rows: count, poolCount: foldedPool.count),
      pluralStart.areOffsets(rows: count, poolCount: pluralPool.count),
      unquotedStart.areOffsets(rows: count, poolCount: unquotedPool.count)
    else { return nil }
    // The terms' shapes are columns: no term is decoded for this.
    for row in 0..<count {
      let term = Int(termIndex[row])
      let form = formIndex[row]
      guard term >= 0, term < terms.count, form >= 0 else { return nil }
      switch kind[row] {
      case 0: guard form == 0, terms.hasPreferred(term) else { return nil }
      case 1: guard form < terms.acceptedCount[term] else { return nil }
      case 2: guard form < terms.variantCount[term] else { return nil }
      default: return nil
      }
    }
    self.terms = terms
    self.termIndex = termIndex
    self.formIndex = formIndex
    self.kind = kind
    self.foldedStart = foldedStart
    self.foldedPool = foldedPool
    self.pluralStart = pluralStart
    self.pluralPool = pluralPool
    self.unquotedStart = unquotedStart
    self.unquotedPool = unquotedPool
  }

  static func kindCode(_ kind: FormKind) -> UInt8 {
    switch kind {
    case .preferred: 0
    case .accepted: 1
    case .variant: 2
    }
  }

  func kind(_ row: Int) -> FormKind {
    switch kind[row] {
    case 0: .preferred
    case 1: .accepted
    default: .variant
    }
  }

  func folded(_ row: Int) -> [UInt8] {
    Array(foldedPool[foldedStart[row]..<foldedStart[row + 1]])
  }

  func plural(_ row: Int) -> String? {
    Self.text(pluralPool, pluralStart, row)
  }

  func unquoted(_ row: Int) -> String? {
    Self.text(unquotedPool, unquotedStart, row)
  }

  func hasPlural(_ row: Int) -> Bool { pluralStart[row] != pluralStart[row + 1] }
  func hasUnquoted(_ row: Int) -> Bool { unquotedStart[row] != unquotedStart[row + 1] }

  private static func text(_ pool: FlatTable<UInt8>, _ starts: FlatTable<Int>, _ row: Int)
    -> String?
  {
    let start = starts[row]
    let end = starts[row + 1]
    guard start < end else { return nil }
    return pool.withUnsafeBytes { raw in
      String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
    }
  }

  /// The listed form of row `row`, read where its term lies (a `Term` taken out of the
  /// list is a copy of every field).
  func form(_ row: Int) -> Form {
    let index = Int(formIndex[row])
    return terms.withTerm(Int(termIndex[row])) { term in
      switch kind[row] {
      case 0: return term.preferred ?? Form(text: "")
      case 1: return term.accepted[index]
      default: return term.variants[index]
      }
    }
  }

  /// Rows appended one at a time, while compiling.
  struct Builder {
    var termIndex: [Int32] = []
    var formIndex: [Int32] = []
    var kind: [UInt8] = []
    var foldedStart: [Int] = [0]
    var foldedPool: [UInt8] = []
    var pluralStart: [Int] = [0]
    var pluralPool: [UInt8] = []
    var unquotedStart: [Int] = [0]
    var unquotedPool: [UInt8] = []

    var count: Int { termIndex.count }

    mutating func append(
      termIndex term: Int, kind form: FormKind, formIndex index: Int, folded: [UInt8],
      plural: String?, unquoted: String?
    ) {
      termIndex.append(Int32(term))
      formIndex.append(Int32(index))
      kind.append(FormTable.kindCode(form))
      foldedPool += folded
      foldedStart.append(foldedPool.count)
      pluralPool += plural.map { Array($0.utf8) } ?? []
      pluralStart.append(pluralPool.count)
      unquotedPool += unquoted.map { Array($0.utf8) } ?? []
      unquotedStart.append(unquotedPool.count)
    }

    func table(terms: TermList) -> FormTable {
      guard
        let table = FormTable(
          terms: terms, termIndex: FlatTable(termIndex), formIndex: FlatTable(formIndex),
          kind: FlatTable(kind), foldedStart: FlatTable(foldedStart),
          foldedPool: FlatTable(foldedPool), pluralStart: FlatTable(pluralStart),
          pluralPool: FlatTable(pluralPool), unquotedStart: FlatTable(unquotedStart),
          unquotedPool: FlatTable(unquotedPool))
      else { fatalError("a compiled form table breaks its own invariants") }
      return table
    }
  }
}

/// The forms of a compiled glossary: a row of its `FormTable` each.
public struct FormEntries: RandomAccessCollection, Sendable {
  let table: FormTable

  public var startIndex: Int { 0 }
  public var endIndex: Int { table.count }

  public subscript(position: Int) -> FormEntry {
    precondition(position >= 0 && position < table.count, "form entry out of range")
    return FormEntry(table: table, row: position)
  }

  /// Row `row`'s concept, without making its entry.
  func termIndex(_ row: Int) -> Int { Int(table.termIndex[row]) }
}

/// One matchable form of a concept.
public struct FormEntry: Sendable {
  let table: FormTable
  let row: Int

  public var termIndex: Int { Int(table.termIndex[row]) }
  public var kind: FormKind { table.kind(row) }
  /// The form's place in its concept's list of its kind (0 for the preferred form).
  public var formIndex: Int { Int(table.formIndex[row]) }
  /// The form as the glossary lists it (a derived entry's listed form).
  public var form: Form { table.form(row) }
  /// The folded form, for comparisons.
  public var folded: [UInt8] { table.folded(row) }
  /// A form derived by putting the head word in the plural ("Double-Eight Strategies"):
  /// `form` is the listed form, `pluralText` what this entry matches.
  public var pluralText: String? { table.plural(row) }
  /// A form derived by leaving out the quotation marks and brackets of a listed form, for a
  /// concept with `quotes: optional` ("two health" for “two health”).
  public var unquotedText: String? { table.unquoted(row) }
  /// Whether `pluralText` is set (without making it).
  public var isPlural: Bool { table.hasPlural(row) }
  /// Whether `unquotedText` is set (without making it).
  public var isUnquoted: Bool { table.hasUnquoted(row) }

  /// The text this entry matches, as the glossary would write it.
  public var text: String { pluralText ?? unquotedText ?? form.text }
}
