import GlossaryModel
import Synchronization

/// A match of a glossary form spelled with look-alike letters from another script: "Xi
/// Jinping Thоught" with a Cyrillic "о".
struct ConfusableMatch: Equatable, Sendable {
  var folded: Range<Int>
  var entry: Int
}

/// The glossary's forms keyed by the UTS #39 skeletons of their tokens, for finding terms
/// typed with look-alike letters. A token of the text takes the skeleton path only when it
/// contains a look-alike letter (`Confusables.isLookalike`); every other token must be a
/// form token as it is. Built once per linter and shared read-only between threads.
struct SkeletonIndex: Sendable {
  /// Every folded token of every form, and its skeleton's id.
  private let formTokens: TokenTable
  private let skeletonOfToken: [Int32]
  private let skeletons: [String: Int32]
  private let transitions: TransitionTable
  private let terminals: [Int32: [Int32]]

  var isEmpty: Bool { terminals.isEmpty }

  init(glossary: CompiledGlossary) {
    var tokenIDs: [[UInt8]: Int32] = [:]
    var skeletonOfToken: [Int32] = []
    var skeletons: [String: Int32] = [:]
    var trie = TrieBuilder()
    var terminals: [Int32: [Int32]] = [:]
    for (index, entry) in glossary.entries.enumerated() {
      let tokens = Tokenizer.tokens(of: entry.folded)
      guard !tokens.isEmpty else { continue }
      var node: Int32 = 0
      for token in tokens {
        let bytes = Array(entry.folded[token.start..<token.end])
        let skeletonID: Int32
        if let id = tokenIDs[bytes] {
          skeletonID = skeletonOfToken[Int(id)]
        } else {
          let text = String(decoding: bytes, as: UTF8.self)
          let skeleton = Confusables.skeleton(text) ?? text
          if let existing = skeletons[skeleton] {
            skeletonID = existing
          } else {
            skeletonID = Int32(skeletons.count)
            skeletons[skeleton] = skeletonID
          }
          tokenIDs[bytes] = Int32(skeletonOfToken.count)
          skeletonOfToken.append(skeletonID)
        }
        node = trie.child(of: node, token: skeletonID)
      }
      terminals[node, default: []].append(Int32(index))
    }
    formTokens = TokenTable(tokenIDs)
    self.skeletonOfToken = skeletonOfToken
    self.skeletons = skeletons
    transitions = TransitionTable(trie.edges)
    self.terminals = terminals
  }

  /// Whether folded text contains a look-alike letter at all: the check that keeps
  /// ASCII text (and text without look-alikes) away from the spoof checker. ASCII is
  /// skipped eight bytes at a time.
  static func hasLookalikes(_ text: [UInt8]) -> Bool {
    text.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      let raw = UnsafeRawPointer(base)
      let count = buffer.count
      var index = 0
      var refused: Set<UInt32> = []
      while index < count {
        if index + 8 <= count
          && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          index += 8
          continue
        }
        let byte = buffer[index]
        if byte < 0x80 {
          index += 1
          continue
        }
        let (scalar, length) = Folder.decode(buffer, at: index)
        if !refused.contains(scalar) {
          if Confusables.isLookalike(scalar) { return true }
          refused.insert(scalar)
        }
        index += length
      }
      return false
    }
  }

  /// Every form spelled with look-alike letters in folded `text`, leftmost-longest; a
  /// match has at least one token that contains a look-alike letter.
  func matches(in text: [UInt8], accept: (Int, Range<Int>) -> Bool) -> [ConfusableMatch] {
    var result: [ConfusableMatch] = []
    var lookalike: [UInt32: Bool] = [:]
    var tokenSkeletons: [[UInt8]: Int32] = [:]
    text.withUnsafeBufferPointer { buffer in
      /// The skeleton id of a token and whether it has a look-alike letter.
      func skeletonID(_ token: Token) -> (Int32, Bool) {
        let formToken = formTokens.lookup(token, in: buffer)
        if formToken >= 0 { return (skeletonOfToken[Int(formToken)], false) }
        var hasLookalike = false
        var index = token.start
        while index < token.end {
          if buffer[index] < 0x80 {
            index += 1
            continue
          }
          let (scalar, length) = Folder.decode(buffer, at: index)
          let isLookalike: Bool
          if let known = lookalike[scalar] {
            isLookalike = known
          } else {
            isLookalike = Confusables.isLookalike(scalar)
            lookalike[scalar] = isLookalike
          }
          if isLookalike {
            hasLookalike = true
            break
          }
          index += length
        }
        guard hasLookalike else { return (-1, false) }
        let bytes = Array(buffer[token.start..<token.end])
        if let known = tokenSkeletons[bytes] { return (known, known >= 0) }
        let skeleton = Confusables.skeleton(String(decoding: bytes, as: UTF8.self))
        let id = skeleton.flatMap { skeletons[$0] } ?? -1
        tokenSkeletons[bytes] = id
        return (id, id >= 0)
      }

      var position = 0
      var candidates: [(Int32, Int)] = []
      outer: while let token = Tokenizer.next(in: buffer, from: position) {
        let (first, firstLookalike) = skeletonID(token)
        guard first >= 0, var node = transitions.child(of: 0, token: first) else {
          position = token.end
          continue
        }
        candidates.removeAll(keepingCapacity: true)
        var sawLookalike = firstLookalike
        if sawLookalike && terminals[node] != nil { candidates.append((node, token.end)) }
        var walk = token.end
        while let next = Tokenizer.next(in: buffer, from: walk) {
          let (id, isLookalike) = skeletonID(next)
          guard id >= 0, let child = transitions.child(of: node, token: id) else { break }
          node = child
          walk = next.end
          sawLookalike = sawLookalike || isLookalike
          if sawLookalike && terminals[node] != nil { candidates.append((node, next.end)) }
        }
        for (candidate, end) in candidates.reversed() {
          let range = token.start..<end
          for entry in terminals[candidate] ?? [] where accept(Int(entry), range) {
            result.append(ConfusableMatch(folded: range, entry: Int(entry)))
            position = end
            continue outer
          }
        }
        position = token.end
      }
    }
    return result
  }
}

/// A `SkeletonIndex` built the first time a text with look-alike letters needs it: most runs
/// never do, and building it asks ICU for the skeleton of every form token.
final class LazySkeletonIndex: Sendable {
  private let glossary: CompiledGlossary
  private let index = Mutex<SkeletonIndex?>(nil)

  init(glossary: CompiledGlossary) { self.glossary = glossary }

  /// Whether the glossary has any form at all (the index would be empty otherwise).
  var isEmpty: Bool { glossary.entries.isEmpty }

  var value: SkeletonIndex {
    index.withLock { built in
      if let built { return built }
      let made = SkeletonIndex(glossary: glossary)
      built = made
      return made
    }
  }
}
