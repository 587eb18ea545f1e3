// Match stage: every place a file has one of the anchored phrases, in any case.
//
// Takes: anchors (`PhraseAnchor`). Gives: a token trie that `TextScan` walks in the same
// pass as the numeral index.

/// The phrase keys of a file or a run, as a byte trie, for finding every rendering of
/// them. Shared read-only between threads.
struct PhraseCatalog: Sendable {
  let keys: [String]
  /// Edges (node, byte) → child, as `TransitionTable` keys with the byte as the token.
  private let edges: TransitionTable
  /// Per node, the index of the key that ends there, or -1.
  private let terminals: [Int32]
  /// Hashes of every prefix of every key: a token whose hash is not here starts nothing.
  private let prefixes: HashSet64
  /// The first three bytes of the keys' first tokens and of the keys themselves: the
  /// prefilter at every word start of the text.
  let triples: TripleSet
  /// Some key starts with a number (`#`) or a digit, or with a non-ASCII letter.
  let numberStarts: Bool
  let nonASCIIStarts: Bool

  var isEmpty: Bool { keys.isEmpty }

  init<S: Sequence>(anchors: S) where S.Element == PhraseAnchor {
    var firstTokens: [String: [[UInt8]]] = [:]
    for anchor in anchors { firstTokens[anchor.key, default: []].append(anchor.firstToken) }
    let keys = firstTokens.keys.sorted()
    var edges: [UInt64: Int32] = [:]
    var terminals: [Int32] = [-1]
    var prefixes: [UInt64] = []
    var triples = TripleSet()
    var numberStarts = false
    var nonASCIIStarts = false
    for (index, key) in keys.enumerated() {
      var node: Int32 = 0
      let bytes = Array(key.utf8)
      for (length, byte) in bytes.enumerated() {
        // Every prefix: a token at a text's word start is looked up by its hash.
        prefixes.append(Tokenizer.hash(bytes[...length]))
        let edge = TransitionTable.key(node: node, token: Int32(byte))
        if let child = edges[edge] {
          node = child
        } else {
          let child = Int32(terminals.count)
          edges[edge] = child
          terminals.append(-1)
          node = child
        }
      }
      terminals[Int(node)] = Int32(index)
      for start in (firstTokens[key] ?? []) + [bytes] {
        guard let first = start.first else { continue }
        if first == UInt8(ascii: "#") || (48...57).contains(first) {
          numberStarts = true
        } else if first >= 0x80 {
          nonASCIIStarts = true
        } else {
          triples.insert(start)
        }
      }
    }
    // A key that starts with a number may start at a number word ("ten special actions").
    if numberStarts {
      for word in NumberWords.english.words { prefixes.append(Phrases.hash(word.utf8)) }
    }
    self.keys = keys
    self.edges = TransitionTable(edges)
    self.terminals = terminals
    self.prefixes = HashSet64(prefixes)
    self.triples = triples
    self.numberStarts = numberStarts
    self.nonASCIIStarts = nonASCIIStarts
  }

  @inline(__always)
  private func walk(_ node: Int32, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Int32?
  {
    var node = node
    for index in range {
      guard let child = edges.child(of: node, token: Int32(bytes[index])) else { return nil }
      node = child
    }
    return node
  }

  private func walk(_ node: Int32, _ bytes: [UInt8]) -> Int32? {
    bytes.withUnsafeBufferPointer { walk(node, $0, 0..<$0.count) }
  }

  /// Feeds one token's key bytes from `node`.
  @inline(__always)
  private func step(_ node: Int32, _ token: NormalizedToken, in text: UnsafeBufferPointer<UInt8>)
    -> Int32?
  {
    switch token.kind {
    case .word: walk(node, text, token.start..<token.end)
    case .hyphen: edges.child(of: node, token: Int32(UInt8(ascii: "-")))
    case .number: walk(node, Array("#\(token.value)#".utf8))
    default: nil
    }
  }

  /// The longest key that starts with `token` (a word or a number at a word start):
  /// (folded range, key index, where reading continues). Spaces and apostrophes between
  /// words do not count; marks other than hyphens end a key.
  func occurrence(
    startingWith token: NormalizedToken, in text: UnsafeBufferPointer<UInt8>,
    reader: inout NumberReader
  ) -> (range: Range<Int>, key: Int, next: Int)? {
    let hash: UInt64
    switch token.kind {
    case .word: hash = token.hash
    case .number: hash = Phrases.hash("#\(token.value)#".utf8)
    default: return nil
    }
    guard prefixes.contains(hash), var node = step(0, token, in: text) else { return nil }
    var best: (end: Int, next: Int, key: Int32)?
    if terminals[Int(node)] >= 0 { best = (token.end, token.next, terminals[Int(node)]) }
    var position = token.next
    while let next = reader.next(in: text, from: position) {
      position = next.next
      if next.kind == .apostrophe { continue }
      guard let child = step(node, next, in: text) else { break }
      node = child
      if terminals[Int(node)] >= 0 { best = (next.end, next.next, terminals[Int(node)]) }
    }
    guard let best else { return nil }
    return (token.start..<best.end, Int(best.key), best.next)
  }
}

/// Three-letter prefixes of words (a–z, then a–z or "anything else"), as a bit set: the
/// test at each word start that keeps most of the text away from tokenizing.
struct TripleSet: Sendable {
  private var bits = [UInt64](repeating: 0, count: (26 * 27 * 27 + 63) / 64)

  init() {}

  @inline(__always)
  static func code(_ byte: UInt8) -> Int { byte >= 97 && byte <= 122 ? Int(byte - 97) : 26 }

  /// The index of a word starting with `first` (a–z), then `second`, `third`.
  @inline(__always)
  static func index(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
    Int(first - 97) * 729 + code(second) * 27 + code(third)
  }

  mutating func insert(_ word: [UInt8]) {
    guard let first = word.first, first >= 97 && first <= 122 else { return }
    let index = Self.index(first, word.count > 1 ? word[1] : 0, word.count > 2 ? word[2] : 0)
    bits[index >> 6] |= 1 << UInt64(index & 63)
  }

  /// Whether a word starting at `position` of `text` (with a–z there) may be in the set.
  @inline(__always)
  func contains(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = text.count
    let index = Self.index(
      text[position], position + 1 < count ? text[position + 1] : 0,
      position + 2 < count ? text[position + 2] : 0)
    return bits[index >> 6] & (1 << UInt64(index & 63)) != 0
  }
}

/// A set of 64-bit hashes with open addressing, for a membership test per token that costs
/// one or two probes (the values are token hashes already, so they are used as they are).
struct HashSet64: Sendable {
  private let slots: [UInt64]
  private let used: [Bool]
  private let mask: Int

  init(_ values: [UInt64]) {
    var capacity = 16
    while capacity < values.count * 2 { capacity *= 2 }
    var slots = [UInt64](repeating: 0, count: capacity)
    var used = [Bool](repeating: false, count: capacity)
    for value in values {
      var slot = Int(truncatingIfNeeded: value ^ (value >> 29)) & (capacity - 1)
      while used[slot] && slots[slot] != value { slot = (slot + 1) & (capacity - 1) }
      slots[slot] = value
      used[slot] = true
    }
    self.slots = slots
    self.used = used
    mask = capacity - 1
  }

  @inline(__always)
  func contains(_ value: UInt64) -> Bool {
    var slot = Int(truncatingIfNeeded: value ^ (value >> 29)) & mask
    while used[slot] {
      if slots[slot] == value { return true }
      slot = (slot + 1) & mask
    }
    return false
  }
}
