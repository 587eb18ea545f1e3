// Match stage: the reorder index's shapes and bags as flat columns.
//
// Takes: the shapes `ReorderIndex` found in the glossary's forms, or the same columns read
// from the glossary cache. Gives: each shape's words, sorted words, hyphens and flags, and
// the shapes of a bag, from integer tables that a cached index uses where the file lies
// (no array per shape, no dictionary to rebuild at load).

/// The shapes of a reorder index, one row per form, as columns; `self[i]` is the row as a
/// `ReorderIndex.Shape` value (made on demand: the scan reads the columns).
struct ShapeTable: RandomAccessCollection, Sendable {
  let entry: FlatTable<Int32>
  let termIndex: FlatTable<Int32>
  let functionWords: FlatTable<Int32>
  let punctuationBits: FlatTable<UInt8>
  /// Shape i's words are `words[wordStart[i]..<wordStart[i + 1]]`, in the form's order,
  /// and `sorted[…]` over the same range, sorted.
  let wordStart: FlatTable<Int32>
  let words: FlatTable<Int32>
  let sorted: FlatTable<Int32>
  /// Shape i's hyphen positions are `hyphens[hyphenStart[i]..<hyphenStart[i + 1]]`.
  let hyphenStart: FlatTable<Int32>
  let hyphens: FlatTable<Int32>

  var startIndex: Int { 0 }
  var endIndex: Int { entry.count }

  subscript(index: Int) -> ReorderIndex.Shape {
    ReorderIndex.Shape(
      entry: entry[index], termIndex: termIndex[index], words: Array(words(of: index)),
      sorted: Array(sortedWords(of: index)), functionWords: Int(functionWords[index]),
      punctuationBits: punctuationBits[index], hyphens: hyphens(of: index).map(Int.init))
  }

  func words(of index: Int) -> Slice<FlatTable<Int32>> {
    words[Int(wordStart[index])..<Int(wordStart[index + 1])]
  }

  func sortedWords(of index: Int) -> Slice<FlatTable<Int32>> {
    sorted[Int(wordStart[index])..<Int(wordStart[index + 1])]
  }

  func hyphens(of index: Int) -> Slice<FlatTable<Int32>> {
    hyphens[Int(hyphenStart[index])..<Int(hyphenStart[index + 1])]
  }

  init(_ shapes: [ReorderIndex.Shape]) {
    var wordStart: [Int32] = [0]
    var hyphenStart: [Int32] = [0]
    var words: [Int32] = []
    var sorted: [Int32] = []
    var hyphens: [Int32] = []
    for shape in shapes {
      words += shape.words
      sorted += shape.sorted
      hyphens += shape.hyphens.map { Int32($0) }
      wordStart.append(Int32(words.count))
      hyphenStart.append(Int32(hyphens.count))
    }
    entry = FlatTable(shapes.map(\.entry))
    termIndex = FlatTable(shapes.map(\.termIndex))
    functionWords = FlatTable(shapes.map { Int32($0.functionWords) })
    punctuationBits = FlatTable(shapes.map(\.punctuationBits))
    self.wordStart = FlatTable(wordStart)
    self.words = FlatTable(words)
    self.sorted = FlatTable(sorted)
    self.hyphenStart = FlatTable(hyphenStart)
    self.hyphens = FlatTable(hyphens)
  }

  /// The columns as stored, or nil when they break an invariant the scan relies on: equal
  /// row counts, rising starts that end at their pool's end, at least `minimumWords` words
  /// per shape, word ids below `wordCount`, sorted words that are sorted, hyphens between
  /// two of their shape's words, entries whose term is `termIndex` (`entryTerm`).
  init?(
    entry: FlatTable<Int32>, termIndex: FlatTable<Int32>, functionWords: FlatTable<Int32>,
    punctuationBits: FlatTable<UInt8>, wordStart: FlatTable<Int32>, words: FlatTable<Int32>,
    sorted: FlatTable<Int32>, hyphenStart: FlatTable<Int32>, hyphens: FlatTable<Int32>,
    wordCount: Int, entryTerm: (Int) -> Int?
  ) {
    let count = entry.count
    guard termIndex.count == count, functionWords.count == count,
      punctuationBits.count == count, wordStart.count == count + 1,
      hyphenStart.count == count + 1, wordStart.first == 0, hyphenStart.first == 0,
      wordStart.last.map(Int.init) == words.count, sorted.count == words.count,
      hyphenStart.last.map(Int.init) == hyphens.count,
      words.allSatisfy({ $0 >= 0 && Int($0) < wordCount }),
      functionWords.allSatisfy({ $0 >= 0 }), punctuationBits.allSatisfy({ $0 & ~3 == 0 })
    else { return nil }
    for index in 0..<count {
      let (low, high) = (Int(wordStart[index]), Int(wordStart[index + 1]))
      let (first, last) = (Int(hyphenStart[index]), Int(hyphenStart[index + 1]))
      // Rising starts (so none below 0) that stay inside their pools.
      guard high - low >= ReorderIndex.minimumWords, high <= words.count, first <= last,
        last <= hyphens.count,
        entryTerm(Int(entry[index])).map({ $0 == Int(termIndex[index]) }) == true
      else { return nil }
      for at in low + 1..<high where sorted[at - 1] > sorted[at] { return nil }
      for at in first..<last where !(0..<high - low - 1).contains(Int(hyphens[at])) {
        return nil
      }
    }
    self.entry = entry
    self.termIndex = termIndex
    self.functionWords = functionWords
    self.punctuationBits = punctuationBits
    self.wordStart = wordStart
    self.words = words
    self.sorted = sorted
    self.hyphenStart = hyphenStart
    self.hyphens = hyphens
  }
}

/// Bags of words and the shapes that have them: the distinct bag hashes in ascending
/// order, each with its shapes (in index order, all of one concept: a bag two concepts
/// share is left out, as neither could be told from the other).
struct BagTable: Sendable {
  let keys: FlatTable<UInt64>
  /// Bag i's shapes are `shapes[start[i]..<start[i + 1]]`.
  let start: FlatTable<Int32>
  let shapes: FlatTable<Int32>
  /// Where the keys of each top-bits prefix begin (`directory[p]..<directory[p + 1]`).
  /// Bag keys are uniform hashes, so with about as many prefixes as keys a look-up reads a
  /// key or two, where a binary search of 40,000 keys took 16 dependent steps.
  private let directory: [Int32]
  private let directoryShift: UInt64

  var count: Int { keys.count }

  /// The directory of sorted `keys`: one bucket per prefix of `bits` bits, as many buckets
  /// as the largest power of two not above the key count.
  private static func directory(of keys: FlatTable<UInt64>) -> ([Int32], UInt64) {
    var bits = 0
    while bits < 24 && 1 << (bits + 1) <= keys.count { bits += 1 }
    // A shift by 64 (no prefix bits) gives 0: one bucket.
    let shift = UInt64(64 - bits)
    var directory = [Int32](repeating: 0, count: (1 << bits) + 1)
    var index = 0
    for bucket in 0...(1 << bits) {
      while index < keys.count && Int(truncatingIfNeeded: keys[index] >> shift) < bucket {
        index += 1
      }
      directory[bucket] = Int32(index)
    }
    return (directory, shift)
  }

  /// The bags of `shapes`, whose words' keys are `wordKey`.
  init(_ shapes: ShapeTable, wordKey: [UInt64]) {
    var pairs: [(bag: UInt64, shape: Int32)] = []
    pairs.reserveCapacity(shapes.count)
    for index in shapes.indices {
      let bag = shapes.words(of: index).reduce(UInt64(0)) { $0 &+ wordKey[Int($1)] }
      pairs.append((bag, Int32(index)))
    }
    pairs.sort { $0.bag != $1.bag ? $0.bag < $1.bag : $0.shape < $1.shape }
    var keys: [UInt64] = []
    var start: [Int32] = [0]
    var members: [Int32] = []
    var low = 0
    while low < pairs.count {
      var high = low + 1
      while high < pairs.count && pairs[high].bag == pairs[low].bag { high += 1 }
      let concept = shapes.termIndex[Int(pairs[low].shape)]
      if pairs[low..<high].allSatisfy({ shapes.termIndex[Int($0.shape)] == concept }) {
        keys.append(pairs[low].bag)
        members += pairs[low..<high].map(\.shape)
        start.append(Int32(members.count))
      }
      low = high
    }
    self.keys = FlatTable(keys)
    self.start = FlatTable(start)
    self.shapes = FlatTable(members)
    (directory, directoryShift) = Self.directory(of: self.keys)
  }

  /// The table as stored, or nil unless its keys rise strictly, its starts rise from 0 to
  /// the end of `shapes`, with a shape at least per bag, and every shape is below
  /// `shapeCount`.
  init?(
    keys: FlatTable<UInt64>, start: FlatTable<Int32>, shapes: FlatTable<Int32>, shapeCount: Int
  ) {
    guard start.count == keys.count + 1, start.first == 0,
      start.last.map(Int.init) == shapes.count,
      zip(start, start.dropFirst()).allSatisfy({ $0 < $1 }),
      zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }),
      shapes.allSatisfy({ $0 >= 0 && Int($0) < shapeCount })
    else { return nil }
    self.keys = keys
    self.start = start
    self.shapes = shapes
    (directory, directoryShift) = Self.directory(of: keys)
  }

  /// The shapes with bag hash `bag`, or nil when none has it.
  func shapes(of bag: UInt64) -> Slice<FlatTable<Int32>>? {
    let bucket = Int(truncatingIfNeeded: bag >> directoryShift)
    var index = Int(directory[bucket])
    let end = Int(directory[bucket + 1])
    while index < end {
      let key = keys[index]
      if key == bag { return shapes[Int(start[index])..<Int(start[index + 1])] }
      if key > bag { return nil }
      index += 1
    }
    return nil
  }
}
