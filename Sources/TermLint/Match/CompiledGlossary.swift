import GlossaryModel

/// What a form is to its concept.
public enum FormKind: String, Sendable {
  case preferred
  case accepted
  case variant
}

/// A found occurrence of a form, in folded coordinates.
public struct Match: Equatable, Sendable {
  public var folded: Range<Int>
  public var entry: Int
}

/// The glossaries merged and compiled into a token trie.
///
/// Every form is folded and split into tokens; each distinct token gets an id in a hash
/// table, and the forms become paths in a trie whose edges are (node, token id) pairs in
/// one flat hash table. Matching reads each token of the text once, looks it up once,
/// and walks the trie only from tokens that start a form, so its cost does not grow with
/// the number of terms. Built once per run and shared read-only between threads.
public final class CompiledGlossary: Sendable {
  public let terms: TermList
  public let entries: FormEntries
  /// Terms that a later glossary replaced (same id), for `glossary check` and messages.
  public let replaced: [(old: Term, new: Term)]
  /// What findings say about each term (`terms[i]`), made on a term's first finding and
  /// then shared by its findings (making all 10,000 of a large glossary's at load cost 2 ms
  /// of every run, most of whose terms have no finding).
  private let summaries: LazySlots<TermSummary>

  let vocabulary: TokenTable
  let transitions: TransitionTable
  /// Per trie node, the first index into `terminalEntries`, or -1.
  let terminalStart: FlatTable<Int32>
  let terminalCount: FlatTable<Int32>
  let terminalEntries: FlatTable<Int32>

  /// The numeral index, when it was built with the glossary (`withIndexes`, the cache):
  /// else `CandidateFinder` builds it.
  let storedNumerals: NumeralIndex?
  /// The reorder index, when it was built with the glossary (the cache): else
  /// `CandidateFinder` builds it on first need.
  let storedReorders: ReorderIndex?

  /// A compiled glossary from its parts, as `GlossaryCache` stored them (already checked).
  init(
    terms: TermList, entries: FormEntries, replaced: [(old: Term, new: Term)],
    vocabulary: TokenTable, transitions: TransitionTable, terminalStart: FlatTable<Int32>,
    terminalCount: FlatTable<Int32>, terminalEntries: FlatTable<Int32>,
    storedNumerals: NumeralIndex?, storedReorders: ReorderIndex?
  ) {
    self.storedNumerals = storedNumerals
    self.storedReorders = storedReorders
    self.terms = terms
    self.entries = entries
    self.replaced = replaced
    self.vocabulary = vocabulary
    self.transitions = transitions
    self.terminalStart = terminalStart
    self.terminalCount = terminalCount
    self.terminalEntries = terminalEntries
    summaries = LazySlots(count: terms.count)
  }

  /// What findings say about `terms[termIndex]`: one object per term, made on first use.
  public func summary(of termIndex: Int) -> TermSummary {
    summaries.value(termIndex) { terms.withTerm(termIndex) { TermSummary($0) } }
  }

  /// Merges `glossaries` in order (a later term with the same id replaces an earlier one;
  /// at a form claimed twice the later glossary's entry comes first) and compiles them.
  public init(glossaries: [Glossary]) {
    var order: [String] = []
    var byID: [String: Term] = [:]
    var replaced: [(old: Term, new: Term)] = []
    var rankByID: [String: Int] = [:]
    for (rank, glossary) in glossaries.enumerated() {
      for term in glossary.terms {
        rankByID[term.id] = rank
        if let old = byID[term.id] {
          replaced.append((old, term))
        } else {
          order.append(term.id)
        }
        byID[term.id] = term
      }
    }
    let terms = order.compactMap { byID[$0] }
    let list = TermList(terms)
    self.terms = list
    self.replaced = replaced
    summaries = LazySlots(count: terms.count)

    var folder = Folder()
    var entries = FormTable.Builder()
    var vocabulary = TokenTable.Builder()
    var trie = TrieBuilder()
    // (trie node, entry) for every form, in entry order.
    var terminals: [(node: Int32, entry: Int32)] = []
    // Every listed form, folded once: a derived plural never shadows a form someone listed.
    var foldedListed: [[[UInt8]]] = []
    foldedListed.reserveCapacity(terms.count)
    var listed = Set<[UInt8]>()
    for term in terms {
      var folds: [[UInt8]] = []
      for form in [term.preferred].compactMap({ $0 }) + term.accepted + term.variants {
        let folded = folder.fold(form.text)
        folds.append(folded)
        listed.insert(folded)
      }
      foldedListed.append(folds)
    }
    for (termIndex, term) in terms.enumerated() {
      // (kind, listed form and its place in the kind's list, plural, form without its
      // quotes)
      var forms: [(FormKind, Form, Int, String?, String?)] = []
      if let preferred = term.preferred { forms.append((.preferred, preferred, 0, nil, nil)) }
      forms += term.accepted.enumerated().map { (.accepted, $1, $0, nil, nil) }
      forms += term.variants.enumerated().map { (.variant, $1, $0, nil, nil) }
      var folds = foldedListed[termIndex]
      // `quotes: optional`: a form listed in quotes or brackets also matches without them,
      // after the listed forms (a listed form wins at a node).
      if term.quotesOptional {
        var derived = Set<[UInt8]>()
        for (kind, form, index, _, _) in forms {
          guard let unquoted = QuoteMarks.unquoted(form.text) else { continue }
          let folded = folder.fold(unquoted)
          guard !listed.contains(folded), derived.insert(folded).inserted else { continue }
          forms.append((kind, form, index, nil, unquoted))
          folds.append(folded)
        }
      }
      // Plurals of the head word, after the listed forms (a listed form wins at a node).
      // `match_case` concepts are names spelled one way: no plural.
      if !term.matchCase {
        for (kind, form, index, _, unquoted) in forms {
          guard let plural = Inflection.plural(of: unquoted ?? form.text) else { continue }
          let folded = folder.fold(plural)
          guard !listed.contains(folded) else { continue }
          forms.append((kind, form, index, plural, unquoted))
          folds.append(folded)
        }
      }
      for ((kind, _, index, plural, unquoted), folded) in zip(forms, folds) {
        // Each token is interned straight from the folded bytes: no array per token.
        let end: Int32? = folded.withUnsafeBufferPointer { buffer in
          var node: Int32 = 0
          var position = 0
          var any = false
          while let token = Tokenizer.next(in: buffer, from: position) {
            let id = vocabulary.intern(
              UnsafeBufferPointer(rebasing: buffer[token.start..<token.end]), hash: token.hash)
            node = trie.child(of: node, token: id)
            position = token.end
            any = true
          }
          return any ? node : nil
        }
        guard let end else { continue }
        terminals.append((end, Int32(entries.count)))
        entries.append(
          termIndex: termIndex, kind: kind, formIndex: index, folded: folded, plural: plural,
          unquoted: unquoted)
      }
    }
    let entryTable = entries.table(terms: list)
    self.entries = FormEntries(table: entryTable)
    self.vocabulary = TokenTable(vocabulary)
    self.transitions = TransitionTable(trie.edges)
    // Within a terminal, entries of later-defined terms (later glossaries) come first;
    // within one term, the order written (preferred, accepted, variants).
    let termRank = terms.map { rankByID[$0.id] ?? 0 }
    terminals.sort { a, b in
      if a.node != b.node { return a.node < b.node }
      let ra = termRank[Int(entryTable.termIndex[Int(a.entry)])]
      let rb = termRank[Int(entryTable.termIndex[Int(b.entry)])]
      if ra != rb { return ra > rb }
      return a.entry < b.entry
    }
    var starts = [Int32](repeating: -1, count: Int(trie.nodeCount))
    var counts = [Int32](repeating: 0, count: Int(trie.nodeCount))
    for (index, terminal) in terminals.enumerated() {
      if starts[Int(terminal.node)] < 0 { starts[Int(terminal.node)] = Int32(index) }
      counts[Int(terminal.node)] += 1
    }
    terminalStart = FlatTable(starts)
    terminalCount = FlatTable(counts)
    terminalEntries = FlatTable(terminals.map(\.entry))
    storedNumerals = nil
    storedReorders = nil
  }

  /// The same glossary with its numeral and reorder indexes built, to be stored with it.
  func withIndexes() -> CompiledGlossary {
    var reader = NumberReader()
    return CompiledGlossary(
      terms: terms, entries: entries, replaced: replaced, vocabulary: vocabulary,
      transitions: transitions, terminalStart: terminalStart, terminalCount: terminalCount,
      terminalEntries: terminalEntries,
      storedNumerals: storedNumerals ?? NumeralIndex(glossary: self, reader: &reader),
      storedReorders: storedReorders ?? ReorderIndex(glossary: self))
  }

  /// The entries that end at trie node `node`, best first.
  func entries(atNode node: Int32) -> Slice<FlatTable<Int32>> {
    let start = terminalStart[Int(node)]
    guard start >= 0 else { return terminalEntries[0..<0] }
    return terminalEntries[Int(start)..<Int(start + terminalCount[Int(node)])]
  }

  /// Finds every occurrence of a form in folded `text`, leftmost-longest, in order.
  /// `accept` may refuse an entry at a place (for case-sensitive forms); the matcher then
  /// tries the next entry at that node and then shorter forms.
  public func matches(
    in text: [UInt8], accept: (Int, Range<Int>) -> Bool = { _, _ in true }
  ) -> [Match] {
    var result: [Match] = []
    let classTable = Tokenizer.asciiClassValues
    text.withUnsafeBufferPointer { buffer in
      classTable.withUnsafeBufferPointer { classes in
        var position = 0
        // Ends of the forms found along one walk: (trie node, end offset).
        var candidates: [(Int32, Int)] = []
        // The token after the last walk's first, with its id: a walk that fails (most
        // start at a common word such as "the") goes on from there, so it is not read and
        // looked up twice.
        var ahead: (token: Token, id: Int32)?
        outer: while true {
          let token: Token
          let id: Int32
          if let (next, nextID) = ahead, next.start >= position {
            (token, id) = (next, nextID)
          } else {
            guard let next = Tokenizer.next(in: buffer, from: position, classes: classes) else {
              break
            }
            (token, id) = (next, vocabulary.lookup(next, in: buffer))
          }
          ahead = nil
          guard id >= 0, var node = transitions.child(of: 0, token: id) else {
            position = token.end
            continue
          }
          candidates.removeAll(keepingCapacity: true)
          if terminalStart[Int(node)] >= 0 { candidates.append((node, token.end)) }
          var walk = token.end
          while let next = Tokenizer.next(in: buffer, from: walk, classes: classes) {
            let nextID = vocabulary.lookup(next, in: buffer)
            if walk == token.end { ahead = (next, nextID) }
            guard nextID >= 0, let child = transitions.child(of: node, token: nextID) else { break }
            node = child
            walk = next.end
            if terminalStart[Int(node)] >= 0 { candidates.append((node, next.end)) }
          }
          for (candidate, end) in candidates.reversed() {
            let range = token.start..<end
            for entry in entries(atNode: candidate) where accept(Int(entry), range) {
              result.append(Match(folded: range, entry: Int(entry)))
              position = end
              continue outer
            }
          }
          position = token.end
        }
      }
    }
    return result
  }

  /// The term with id `id`.
  public func term(id: String) -> Term? { terms.first { $0.id == id } }
}

/// The vocabulary: every distinct token of every form, with an id. Open addressing over
/// the tokens' hashes (`Tokenizer.hash`); a hit is confirmed by comparing bytes.
struct TokenTable: Sendable {
  let slots: FlatTable<Int32>
  let hashes: FlatTable<UInt64>
  let starts: FlatTable<Int>
  let pool: FlatTable<UInt8>
  let mask: Int

  /// Interns tokens as they come, giving each distinct one the next id: the same table
  /// layout as `TokenTable`, grown as needed.
  struct Builder {
    fileprivate var slots = [Int32](repeating: -1, count: 16)
    fileprivate var hashes: [UInt64] = []
    fileprivate var starts: [Int] = [0]
    fileprivate var pool: [UInt8] = []

    var count: Int { hashes.count }

    /// The id of `bytes` (whose `Tokenizer.hash` is `hash`), new when not seen before.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 {
        let id = Int(slots[slot])
        if hashes[id] == hash && pool[starts[id]..<starts[id + 1]].elementsEqual(bytes) {
          return Int32(id)
        }
        slot = (slot + 1) & mask
      }
      let id = Int32(hashes.count)
      hashes.append(hash)
      pool.append(contentsOf: bytes)
      starts.append(pool.count)
      slots[slot] = id
      if hashes.count * 2 > slots.count { grow() }
      return id
    }

    private mutating func grow() {
      let capacity = slots.count * 2
      var grown = [Int32](repeating: -1, count: capacity)
      for (id, hash) in hashes.enumerated() {
        var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
        while grown[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
        grown[slot] = Int32(id)
      }
      slots = grown
    }
  }

  init(_ builder: Builder) {
    slots = FlatTable(builder.slots)
    hashes = FlatTable(builder.hashes)
    starts = FlatTable(builder.starts)
    pool = FlatTable(builder.pool)
    mask = builder.slots.count - 1
  }

  /// A table of `vocabulary`, whose ids must be 0..<count.
  init(_ vocabulary: [[UInt8]: Int32]) {
    var builder = Builder()
    for (bytes, id) in vocabulary.sorted(by: { $0.value < $1.value }) {
      let hash = Tokenizer.hash(bytes)
      let interned = bytes.withUnsafeBufferPointer { builder.intern($0, hash: hash) }
      precondition(interned == id, "token ids must be 0..<count")
    }
    self.init(builder)
  }

  /// The id of the token, or -1 when no form contains it.
  @inline(__always)
  func lookup(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> Int32 {
    var slot = Int(truncatingIfNeeded: token.hash) & mask
    let length = token.end - token.start
    while true {
      let id = slots[slot]
      if id < 0 { return -1 }
      let index = Int(id)
      if hashes[index] == token.hash && starts[index + 1] - starts[index] == length
        && pool.bytesEqual(at: starts[index], text, token.start, length)
      {
        return id
      }
      slot = (slot + 1) & mask
    }
  }
}

/// Builds a token trie: each path of token ids from the root (node 0) is a chain of nodes;
/// the edges then go into a `TransitionTable`. Shared by the glossary, numeral and skeleton
/// indexes.
struct TrieBuilder {
  private(set) var edges: [UInt64: Int32] = [:]
  private(set) var nodeCount: Int32 = 1

  /// The node reached from `node` by `token`, created when new.
  mutating func child(of node: Int32, token: Int32) -> Int32 {
    let key = TransitionTable.key(node: node, token: token)
    if let existing = edges[key] { return existing }
    edges[key] = nodeCount
    nodeCount += 1
    return nodeCount - 1
  }
}

/// The trie's edges: (node, token id) -> child node, open addressing.
struct TransitionTable: Sendable {
  let keys: FlatTable<UInt64>
  let values: FlatTable<Int32>
  let mask: Int
  static let empty = UInt64.max

  static func key(node: Int32, token: Int32) -> UInt64 {
    (UInt64(UInt32(bitPattern: node)) << 32) | UInt64(UInt32(bitPattern: token))
  }

  @inline(__always)
  private static func slot(_ key: UInt64, _ mask: Int) -> Int {
    // Fibonacci hashing: the top bits of the product depend on every bit of the key (the
    // node in the high half included), so edges of one token under many nodes spread out.
    let mixed = (key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: mixed >> 32) & mask
  }

  init(_ edges: [UInt64: Int32]) {
    var capacity = 16
    while capacity < edges.count * 2 { capacity *= 2 }
    var keys = [UInt64](repeating: Self.empty, count: capacity)
    var values = [Int32](repeating: -1, count: capacity)
    for (key, value) in edges {
      var slot = Self.slot(key, capacity - 1)
      while keys[slot] != Self.empty { slot = (slot + 1) & (capacity - 1) }
      keys[slot] = key
      values[slot] = value
    }
    self.keys = FlatTable(keys)
    self.values = FlatTable(values)
    self.mask = capacity - 1
  }

  @inline(__always)
  func child(of node: Int32, token: Int32) -> Int32? {
    let key = Self.key(node: node, token: token)
    var slot = Self.slot(key, mask)
    while true {
      let found = keys[slot]
      if found == key { return values[slot] }
      if found == Self.empty { return nil }
      slot = (slot + 1) & mask
    }
  }
}

extension CompiledGlossary {
  /// The preferred form to write for a match of `entry`, in the number the text used:
  /// a plural match gets the preferred form in the plural, unless the concept is a
  /// singular-only name (`number: singular`) or its preferred form has no plural.
  public func preferredText(for entry: FormEntry) -> String? {
    let term = terms[entry.termIndex]
    guard let preferred = term.preferred?.text else { return nil }
    guard entry.isPlural, !term.singularOnly else { return preferred }
    return Inflection.plural(of: preferred) ?? preferred
  }
}

/// Quotation marks and brackets around or inside a listed form.
enum QuoteMarks {
  /// Marks that are never part of a word: double quotes, guillemets, CJK quotes, book-title
  /// marks and brackets.
  static let always: Set<Unicode.Scalar> = [
    "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}",
    "\u{2039}", "\u{203A}", "\u{300C}", "\u{300D}", "\u{300E}", "\u{300F}", "\u{300A}",
    "\u{300B}", "\u{3008}", "\u{3009}", "\u{3010}", "\u{3011}", "(", ")", "[", "]",
    "\u{FF08}", "\u{FF09}", "\u{FF02}",
  ]
  /// Single quotes, which are apostrophes between letters ("People's").
  static let single: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "`"]

  /// Whether `token` (one character) is a quotation mark or bracket.
  static func isMark(_ token: String) -> Bool {
    guard token.unicodeScalars.count == 1, let scalar = token.unicodeScalars.first else {
      return false
    }
    return always.contains(scalar) || single.contains(scalar)
  }

  /// `text` without its quotation marks and brackets (a single quote only at a word's
  /// edge, never an apostrophe inside a word), or nil when it has none or is nothing else.
  static func unquoted(_ text: String) -> String? {
    let tokens = FormComparison.rawTokens(text)
    var kept: [FormComparison.RawToken] = []
    var pendingGap = ""
    var removed = false
    for (index, token) in tokens.enumerated() {
      let scalar = token.text.unicodeScalars.count == 1 ? token.text.unicodeScalars.first : nil
      var isMark = false
      if let scalar, always.contains(scalar) {
        isMark = true
      } else if let scalar, single.contains(scalar) {
        // An apostrophe sits tight between two words; a quote has a gap or an end beside it.
        let tightBefore = index > 0 && token.gap.isEmpty
        let tightAfter = index + 1 < tokens.count && tokens[index + 1].gap.isEmpty
        isMark = !(tightBefore && tightAfter)
      }
      if isMark {
        removed = true
        if !token.gap.isEmpty { pendingGap = " " }
        continue
      }
      var token = token
      if token.gap.isEmpty && !pendingGap.isEmpty { token.gap = pendingGap }
      pendingGap = ""
      kept.append(token)
    }
    guard removed, !kept.isEmpty else { return nil }
    kept[0].gap = ""
    return kept.map { $0.gap + $0.text }.joined()
  }
}
