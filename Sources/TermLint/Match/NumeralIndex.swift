import GlossaryModel

/// A match of a glossary form whose numbers read the same as the text's: "88 Strategy"
/// for "Double-Eight Strategy".
struct NumeralMatch: Equatable, Sendable {
  var folded: Range<Int>
  var entry: Int
  /// The text's number was read digit by digit, or the key belongs to several concepts.
  var ambiguous: Bool
}

/// A second token trie over the glossary's forms that contain numbers, keyed with every
/// number read (`NumberReader`): "Double-Eight Strategy", "88th Strategy" and "Eighth
/// Eighth Strategy" all have the key `#88` `strategy`. Every other token of a key must
/// match the text exactly (after folding), so "an 8-point plan" never matches
/// "eight-point rules".
///
/// Built once per linter and shared read-only between threads.
struct NumeralIndex: Sendable {
  let words: TokenTable
  let numbers: [NumberValue: Int32]
  let transitions: TransitionTable
  let terminals: TerminalLists
  /// The most tokens any key has before its first number: how far back a match may start.
  let maxLead: Int
  /// Terminal nodes whose entries belong to more than one concept.
  let sharedNodes: Set<Int32>
  /// The words of each indexed form that are not numbers, for the case check.
  let caseWords: [Int: [String]]

  var isEmpty: Bool { terminals.isEmpty }

  /// An index from its parts, as `GlossaryCache` stored them (already checked).
  init(
    words: TokenTable, numbers: [NumberValue: Int32], transitions: TransitionTable,
    terminals: TerminalLists, maxLead: Int, sharedNodes: Set<Int32>,
    caseWords: [Int: [String]], wordIDs: FlatTable<Int32>
  ) {
    self.words = words
    self.numbers = numbers
    self.transitions = transitions
    self.terminals = terminals
    self.maxLead = maxLead
    self.sharedNodes = sharedNodes
    self.caseWords = caseWords
    self.wordIDs = wordIDs
  }

  init(glossary: CompiledGlossary, reader: inout NumberReader) {
    var vocabulary: [[UInt8]: Int32] = [:]
    var numbers: [NumberValue: Int32] = [:]
    var nextID: Int32 = 0
    var trie = TrieBuilder()
    var terminals: [Int32: [Int32]] = [:]
    var maxLead = 0
    var caseWords: [Int: [String]] = [:]
    for (index, entry) in glossary.entries.enumerated() {
      // Most forms have no number: a look at their tokens skips them.
      let hasNumber = entry.folded.withUnsafeBufferPointer { buffer in
        var position = 0
        while let token = Tokenizer.next(in: buffer, from: position) {
          if reader.isCandidate(token, in: buffer) { return true }
          position = token.end
        }
        return false
      }
      guard hasNumber else { continue }
      let keys = reader.keyTokens(of: entry.folded)
      guard let lead = keys.firstIndex(where: { $0.number != nil }),
        !keys.contains(where: { $0.number == .tooLong })
      else { continue }
      maxLead = max(maxLead, lead)
      caseWords[index] = NumeralCase.words(entry.text)
      var node: Int32 = 0
      for key in keys {
        let id: Int32
        if let value = key.number {
          if let existing = numbers[value] {
            id = existing
          } else {
            id = nextID
            numbers[value] = id
            nextID += 1
          }
        } else if let existing = vocabulary[key.key] {
          id = existing
        } else {
          id = nextID
          vocabulary[key.key] = id
          nextID += 1
        }
        node = trie.child(of: node, token: id)
      }
      terminals[node, default: []].append(Int32(index))
    }
    // TokenTable wants dense ids; words keep theirs through a map.
    var dense: [[UInt8]: Int32] = [:]
    var wordIDs: [Int32] = []
    for (bytes, id) in vocabulary.sorted(by: { $0.value < $1.value }) {
      dense[bytes] = Int32(wordIDs.count)
      wordIDs.append(id)
    }
    self.words = TokenTable(dense)
    self.wordIDs = FlatTable(wordIDs)
    self.numbers = numbers
    self.transitions = TransitionTable(trie.edges)
    self.terminals = TerminalLists(terminals, nodeCount: Int(trie.nodeCount))
    self.maxLead = maxLead
    self.caseWords = caseWords
    self.sharedNodes = Set(
      terminals.filter { _, list in
        Set(list.map { glossary.entries[Int($0)].termIndex }).count > 1
      }.keys)
  }

  let wordIDs: FlatTable<Int32>

  /// The key id of a token of the text, or -1 when no key has it.
  @inline(__always)
  func id(of token: NormalizedToken, in text: UnsafeBufferPointer<UInt8>) -> Int32 {
    if token.kind == .number { return token.value == .tooLong ? -1 : numbers[token.value] ?? -1 }
    let dense = words.lookup(token.token, in: text)
    return dense < 0 ? -1 : wordIDs[Int(dense)]
  }

  /// Whether some key contains this number.
  func contains(number token: NormalizedToken) -> Bool { numbers[token.value] != nil }

  /// The longest match that contains the number token `number`, starting at the earliest
  /// possible of the `lead` tokens just before it (or at the number itself), and where
  /// reading continues after it. `accept` may refuse an entry at a place.
  /// What `match` keeps between calls: the ends of keys found along one walk.
  struct Scratch {
    fileprivate var candidates: [(node: Int32, end: Int, next: Int, ambiguous: Bool)] = []
  }

  func match(
    lead: [NormalizedToken], number: NormalizedToken, in text: UnsafeBufferPointer<UInt8>,
    reader: inout NumberReader, scratch: inout Scratch, accept: (Int, Range<Int>) -> Bool
  ) -> (NumeralMatch, next: Int)? {
    guard let numberID = numbers[number.value] else { return nil }
    // Every start in the lead, then the number itself (no array built for them).
    for start in 0...lead.count {
      var node: Int32 = 0
      var failed = false
      for token in lead[start...] {
        let id = id(of: token, in: text)
        guard id >= 0, let child = transitions.child(of: node, token: id) else {
          failed = true
          break
        }
        node = child
      }
      guard !failed, let afterNumber = transitions.child(of: node, token: numberID) else {
        continue
      }
      node = afterNumber
      let first = start < lead.count ? lead[start].start : number.start
      var ambiguous = number.ambiguous || lead[start...].contains { $0.ambiguous }
      scratch.candidates.removeAll(keepingCapacity: true)
      if terminals.has(node) {
        scratch.candidates.append((node, number.end, number.next, ambiguous))
      }
      var position = number.next
      while let token = reader.next(in: text, from: position) {
        let id = id(of: token, in: text)
        guard id >= 0, let child = transitions.child(of: node, token: id) else { break }
        node = child
        ambiguous = ambiguous || token.ambiguous
        position = token.next
        if terminals.has(node) {
          scratch.candidates.append((node, token.end, token.next, ambiguous))
        }
      }
      for candidate in scratch.candidates.reversed() {
        let range = first..<candidate.end
        for entry in terminals.entries(at: candidate.node) where accept(Int(entry), range) {
          return (
            NumeralMatch(
              folded: range, entry: Int(entry),
              ambiguous: candidate.ambiguous || sharedNodes.contains(candidate.node)),
            candidate.next
          )
        }
      }
    }
    return nil
  }
}

/// The entries that end at each node of a trie, in flat arrays (no array per node): the
/// node's first index into `entries` (or -1) and how many.
struct TerminalLists: Sendable {
  let start: FlatTable<Int32>
  let count: FlatTable<Int32>
  let entries: FlatTable<Int32>

  var isEmpty: Bool { entries.isEmpty }

  init(_ lists: [Int32: [Int32]], nodeCount: Int) {
    var start = [Int32](repeating: -1, count: nodeCount)
    var count = [Int32](repeating: 0, count: nodeCount)
    var entries: [Int32] = []
    for (node, list) in lists.sorted(by: { $0.key < $1.key }) {
      start[Int(node)] = Int32(entries.count)
      count[Int(node)] = Int32(list.count)
      entries += list
    }
    self.start = FlatTable(start)
    self.count = FlatTable(count)
    self.entries = FlatTable(entries)
  }

  /// Stored arrays, or nil unless every list lies inside `entries` and every entry is
  /// below `entryCount`.
  init?(
    start: FlatTable<Int32>, count: FlatTable<Int32>, entries: FlatTable<Int32>,
    entryCount: Int
  ) {
    guard start.count == count.count, entries.allSatisfy({ $0 >= 0 && Int($0) < entryCount })
    else { return nil }
    for node in start.indices where start[node] >= 0 {
      guard count[node] > 0, Int(start[node]) + Int(count[node]) <= entries.count else {
        return nil
      }
    }
    self.start = start
    self.count = count
    self.entries = entries
  }

  @inline(__always)
  func has(_ node: Int32) -> Bool { Int(node) < start.count && start[Int(node)] >= 0 }

  func entries(at node: Int32) -> Slice<FlatTable<Int32>> {
    guard has(node) else { return entries[0..<0] }
    let first = Int(start[Int(node)])
    return entries[first..<first + Int(count[Int(node)])]
  }
}
