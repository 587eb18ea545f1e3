import GlossaryModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Glossary stage: the compiled glossary cache.
//
// Takes: the glossaries a run asks for (bundled or not, user glossary paths) and a cache
// folder. Gives: the `CompiledGlossary`, read from one file of the folder when a valid one
// exists for exactly these sources, else loaded, compiled and stored for the next run.

/// Compiled glossaries stored between runs, so that a large user glossary is parsed and
/// compiled once, not at every start.
///
/// An entry is one file, `glossary-<key>.tlc`, whose key is a 128-bit hash of everything
/// compilation depends on: the cache format, the tool's version string, the running
/// executable (size, modification time and inode, so a rebuilt termlint never reads an
/// older one's cache), whether the bundled dictionaries are in, and each user glossary's
/// path and bytes in order. The file holds the key again, the payload's length and a
/// checksum; anything that does not match (a truncated, damaged or foreign file) is
/// ignored and the entry rebuilt. Entries are written to a temporary file in the folder and
/// renamed into place, so concurrent runs each see a whole file or none. A folder that
/// cannot be created or written only means no cache.
public struct GlossaryCache: Sendable {
  /// The folder holding the entries.
  public var folder: String
  /// Identifies the build (the CLI passes its version string).
  public var toolVersion: String

  /// Bumped whenever the layout or the compilation changes in a way the executable's
  /// identity would not show (it is in every key).
  static let formatVersion: UInt32 = 4
  static let magic: [UInt8] = Array("TLGC".utf8)
  static let headerSize = 4 + 4 + 16 + 8 + 8
  static let checksumSeed: UInt64 = 0x6368_6B31

  public init(folder: String, toolVersion: String) {
    self.folder = folder
    self.toolVersion = toolVersion
  }

  /// The platform cache folder: `$XDG_CACHE_HOME/termlint`, else `~/.cache/termlint`
  /// (`~/Library/Caches/termlint` on macOS); nil without a home folder.
  public static func defaultFolder(environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return xdg + "/termlint"
    }
    guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
    #if os(macOS)
      return home + "/Library/Caches/termlint"
    #else
      return home + "/.cache/termlint"
    #endif
  }

  /// What happened to the cache in a run, for tests and `--verbose`-style notes.
  public enum Outcome: Equatable, Sendable {
    /// The entry was read.
    case hit
    /// No valid entry: compiled, and stored (or not, when the folder is not writable).
    case compiled(stored: Bool)
  }

  /// The compiled glossaries for `builtin` and `paths`, from the cache when it holds them.
  public func compiled(builtin: Bool, paths: [String]) throws(TermLintError) -> (
    CompiledGlossary, Outcome
  ) {
    var sources: [(path: String, bytes: [UInt8])] = []
    for path in paths {
      do {
        sources.append((path, try FileReader.contents(of: path)))
      } catch {
        throw TermLintError(.glossary, "cannot read glossary: \(error.message)", path: path)
      }
    }
    let key = self.key(builtin: builtin, sources: sources)
    let file = folder + "/glossary-" + Self.hex(key.0) + Self.hex(key.1) + ".tlc"
    if let cached = Self.read(file, key: key) {
      // Used entries stay young; the oldest go first when the folder fills up.
      utimes(file, nil)
      return (cached, .hit)
    }
    var glossaries = builtin ? try GlossarySet.bundled() : []
    for source in sources {
      glossaries.append(try GlossarySet.load(path: source.path, bytes: source.bytes))
    }
    let compiled = CompiledGlossary(glossaries: glossaries).withIndexes()
    return (compiled, .compiled(stored: write(compiled, to: file, key: key)))
  }

  /// The key of a set of sources: two 64-bit hashes with different seeds.
  func key(builtin: Bool, sources: [(path: String, bytes: [UInt8])]) -> (UInt64, UInt64) {
    var material = BinaryWriter()
    material.u32(Self.formatVersion)
    material.string(toolVersion)
    material.string(Self.executableIdentity)
    material.flag(builtin)
    material.int(sources.count)
    for source in sources {
      material.string(source.path)
      material.u64(UInt64(source.bytes.count))
      material.u64(ContentHash.hash(source.bytes, seed: 0x5EED_0001))
      material.u64(ContentHash.hash(source.bytes, seed: 0x5EED_0002))
    }
    return (
      ContentHash.hash(material.bytes, seed: 0x6B65_7931),
      ContentHash.hash(material.bytes, seed: 0x6B65_7932)
    )
  }

  /// The running executable's size, modification time and inode (empty where unknown).
  static let executableIdentity: String = {
    var info = stat()
    #if os(Linux)
      guard stat("/proc/self/exe", &info) == 0 else { return "" }
      return "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)-\(info.st_ino)"
    #else
      guard let path = CommandLine.arguments.first, stat(path, &info) == 0 else { return "" }
      return "\(info.st_size)-\(info.st_mtimespec.tv_sec)-\(info.st_ino)"
    #endif
  }()

  /// The whole file: magic, format, key, payload length, payload checksum, payload.
  static func encode(_ compiled: CompiledGlossary, key: (UInt64, UInt64)) -> [UInt8]? {
    var payload = BinaryWriter(capacity: 1 << 20)
    guard compiled.encode(into: &payload) else { return nil }
    return file(payload: payload.bytes, key: key)
  }

  /// A cache file holding `payload` under `key`: the header (with the payload's length and
  /// checksum), then the payload.
  static func file(payload: [UInt8], key: (UInt64, UInt64)) -> [UInt8] {
    var file = BinaryWriter(capacity: payload.count + headerSize)
    file.append(magic)
    file.u32(formatVersion)
    file.u64(key.0)
    file.u64(key.1)
    file.u64(UInt64(payload.count))
    file.u64(ContentHash.hash(payload, seed: checksumSeed))
    file.append(payload)
    return file.bytes
  }

  /// The glossary in a cache file's bytes, or nil unless every check passes (its tables
  /// are copies: see `decode(_:owner:key:)` for tables used in place).
  static func decode(_ bytes: [UInt8], key: (UInt64, UInt64)) -> CompiledGlossary? {
    bytes.withUnsafeBytes { decode($0, owner: nil, key: key) }
  }

  /// The glossary in `raw`, or nil unless every check passes; when `owner` holds `raw`,
  /// the glossary's integer tables are views into it (no copy, no decoding per element).
  static func decode(_ raw: UnsafeRawBufferPointer, owner: FileBuffer?, key: (UInt64, UInt64))
    -> CompiledGlossary?
  {
    guard isLittleEndian, raw.count >= headerSize else { return nil }
    var header = BinaryReader(raw, range: 0..<headerSize)
    guard Array(raw[0..<4]) == magic else { return nil }
    _ = header.u32()
    guard header.u32() == formatVersion, header.u64() == key.0, header.u64() == key.1,
      let length = header.u64(), length == UInt64(raw.count - headerSize),
      let checksum = header.u64()
    else { return nil }
    let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
    guard ContentHash.hash(payload, seed: checksumSeed) == checksum else { return nil }
    var reader = BinaryReader(raw, range: headerSize..<raw.count, owner: owner)
    guard let compiled = CompiledGlossary.decode(from: &reader), reader.atEnd else {
      return nil
    }
    return compiled
  }

  static let isLittleEndian = 1.littleEndian == 1

  /// Cache files above this size are not read (no glossary compiles to one).
  static let maxFileSize = 1 << 30

  /// Reads `file` with one `read` into memory that its glossary's tables then use in place.
  private static func read(_ file: String, key: (UInt64, UInt64)) -> CompiledGlossary? {
    let fd = open(file, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
      info.st_size >= headerSize, info.st_size <= maxFileSize
    else { return nil }
    let size = Int(info.st_size)
    // No memory for the file: no cache (the glossary is compiled from its sources).
    guard let buffer = FileBuffer(byteCount: size) else { return nil }
    var filled = 0
    while filled < size {
      let count = systemRead(fd, buffer.pointer + filled, size - filled)
      if count < 0 && errno == EINTR { continue }
      // An error, or a file that shrank while read: no cache.
      guard count > 0 else { return nil }
      filled += count
    }
    return decode(
      UnsafeRawBufferPointer(start: buffer.pointer, count: size), owner: buffer, key: key)
  }

  /// Stores `compiled` at `file` through a temporary file and a rename; false when the
  /// folder cannot be made or written (the run goes on without a cache).
  private func write(_ compiled: CompiledGlossary, to file: String, key: (UInt64, UInt64))
    -> Bool
  {
    guard Self.isLittleEndian, let bytes = Self.encode(compiled, key: key),
      Self.makeFolder(folder)
    else { return false }
    var template = Array((folder + "/.glossary-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard fd >= 0 else { return false }
    let temporary = String(cString: template.map { UInt8(bitPattern: $0) })
    var written = 0
    var failed = false
    bytes.withUnsafeBytes { raw in
      while written < raw.count {
        let count = systemWrite(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          failed = true
          return
        }
        written += count
      }
    }
    if close(fd) != 0 { failed = true }
    guard !failed, rename(temporary, file) == 0 else {
      unlink(temporary)
      return false
    }
    Self.removeOldEntries(in: folder, keeping: Self.maxEntries)
    return true
  }

  /// At most this many entries stay in the folder (each build of termlint and each set of
  /// glossaries has its own).
  static let maxEntries = 8

  /// Removes the least recently used entries beyond `keeping`.
  static func removeOldEntries(in folder: String, keeping: Int) {
    guard let directory = opendir(folder) else { return }
    var entries: [(path: String, time: Int)] = []
    while let item = readdir(directory) {
      let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name.hasPrefix("glossary-"), name.hasSuffix(".tlc") else { continue }
      var info = stat()
      let path = folder + "/" + name
      guard stat(path, &info) == 0 else { continue }
      #if os(Linux)
        entries.append((path, info.st_mtim.tv_sec))
      #else
        entries.append((path, info.st_mtimespec.tv_sec))
      #endif
    }
    closedir(directory)
    guard entries.count > keeping else { return }
    for entry in entries.sorted(by: { $0.time < $1.time }).prefix(entries.count - keeping) {
      unlink(entry.path)
    }
  }

  /// Creates `path` and its parents (mode 0700); true when it exists as a folder.
  static func makeFolder(_ path: String) -> Bool {
    var info = stat()
    if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR }
    var prefix = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + part
      if stat(prefix, &info) == 0 { continue }
      if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
    }
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// `read(2)`, under a name that does not clash with the method called `read`.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// `write(2)`, under a name that does not clash with the methods called `write`.
@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
