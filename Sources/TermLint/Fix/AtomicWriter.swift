import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file's contents atomically: the new bytes go to a temporary file in the same
/// folder (same file system), which takes the original's permissions, is flushed to disk
/// and renamed over the original. A reader, or a crash at any moment, sees the old file or
/// the new one, never half of one. The original is not replaced if its bytes changed since
/// they were read: they are read again and compared just before the rename.
public enum AtomicWriter {
  /// Replaces `path`, whose bytes were `original`, with `bytes`. `beforeCheck` runs after
  /// the temporary file is written, just before the file is compared with `original` (a
  /// test hook: a change made there must be caught).
  public static func replace(
    _ path: String, expecting original: [UInt8], with bytes: [UInt8],
    beforeCheck: (() -> Void)? = nil
  ) throws(FileError) {
    let replacement = try PendingReplacement(replacing: path)
    try replacement.write(bytes[...])
    try replacement.commit { () throws(FileError) in
      beforeCheck?()
      guard try FileReader.contents(of: path) == original else { throw FileError.changed }
    }
  }
}

extension FileError {
  /// The file is not the one that was read: its bytes (or, for a streamed fix, its size,
  /// times or inode) differ.
  static let changed = FileError(
    message: "changed since it was read; not overwritten (run termlint fix again)")
}

/// `write(2)`, under a name a method called `write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

/// A replacement of a file being written: bytes are appended to a locked temporary file
/// beside it (see `TemporaryFiles`), and `commit` flushes it to disk and renames it over the
/// file. Dropped without a commit (an error, a refusal), the temporary file is removed.
public final class PendingReplacement {
  /// The file replaced: the target of a symbolic link, so the link survives.
  let target: String
  let temporary: String
  private let descriptor: Int32
  private var finished = false

  /// Starts a replacement of `path` (which must exist): its mode (and owner, as root) go
  /// to the temporary file.
  public init(replacing path: String) throws(FileError) {
    var info = stat()
    guard stat(path, &info) == 0 else { throw FileError(message: FileReader.systemMessage(errno)) }
    var target = path
    if let resolved = realpath(path, nil) {
      target = String(cString: resolved)
      free(resolved)
    }
    let slash = target.lastIndex(of: "/")
    let folder = slash.map { String(target[..<$0]) } ?? "."
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    TemporaryFiles.removeStale(beside: name, in: folder)
    let (fd, temporary) = try TemporaryFiles.create(beside: name, in: folder)
    self.target = target
    self.temporary = temporary
    descriptor = fd
    guard fchmod(fd, info.st_mode & 0o7777) == 0 else {
      throw FileError(message: "cannot set permissions: \(FileReader.systemMessage(errno))")
    }
    // Keep the owner when running as root (best effort; an ordinary user cannot change it).
    _ = fchown(fd, info.st_uid, info.st_gid)
  }

  deinit {
    if !finished {
      close(descriptor)
      unlink(temporary)
    }
  }

  /// Appends `bytes` to the temporary file.
  public func write(_ bytes: ArraySlice<UInt8>) throws(FileError) {
    var written = 0
    while written < bytes.count {
      let count = bytes.dropFirst(written).withUnsafeBytes {
        systemWrite(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError(message: "cannot write: \(FileReader.systemMessage(errno))")
      }
      written += count
    }
  }

  /// Flushes the temporary file to disk, runs `check` (which throws to refuse: the file
  /// changed) and renames the temporary file over the target.
  public func commit(check: () throws(FileError) -> Void) throws(FileError) {
    guard fsync(descriptor) == 0 else {
      throw FileError(message: "cannot flush to disk: \(FileReader.systemMessage(errno))")
    }
    try check()
    guard rename(temporary, target) == 0 else {
      throw FileError(message: "cannot replace: \(FileReader.systemMessage(errno))")
    }
    finished = true
    // The lock is held until here, so a clean-up never takes the file for a stale one.
    close(descriptor)
  }
}

extension AtomicWriter {
  /// Writes a new file (or replaces one whatever it holds) through a temporary file and a
  /// rename, so a reader never sees half of it.
  public static func create(_ path: String, with bytes: [UInt8]) throws(FileError) {
    if access(path, F_OK) == 0 {
      let current = try FileReader.contents(of: path)
      try replace(path, expecting: current, with: bytes)
      return
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileError(message: FileReader.systemMessage(errno)) }
    close(fd)
    try replace(path, expecting: [], with: bytes)
  }
}

/// The temporary files `AtomicWriter` writes: `.NAME.termlint-XXXXXX` beside the file NAME
/// (`XXXXXX` six letters or digits from `mkstemp`), exclusively locked (`flock`) from the
/// moment they are created until they are renamed over NAME or removed.
///
/// A process killed with SIGKILL leaves its temporary file behind, unlocked (the kernel drops
/// the lock of a dead process). Before a file is replaced, temporary files of that exact
/// pattern beside it are removed when they are stale: a regular file (not a link), owned by
/// this user, whose lock can be taken at once, i.e. whose writer is gone. A file another
/// running termlint is writing stays locked and is left alone, whatever its age; nothing
/// else is ever removed. Each folder is listed once per process.
public enum TemporaryFiles {
  static let marker = ".termlint-"

  /// Whether `entry` (a file name) is a temporary file of `name`: `.` + name + `.termlint-`
  /// + six ASCII letters or digits.
  public static func isTemporary(_ entry: String, of name: String) -> Bool {
    let prefix = Array(("." + name + marker).utf8)
    let bytes = Array(entry.utf8)
    guard bytes.count == prefix.count + 6, bytes.starts(with: prefix) else { return false }
    return bytes[prefix.count...].allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
  }

  /// Folder → the temporary-looking entries found when it was first listed, by file name.
  private static let listed = Mutex<[String: [String: [String]]]>([:])

  /// Removes the stale temporary files of `name` in `folder` (see the type's rule). Returns
  /// the paths removed.
  @discardableResult
  public static func removeStale(beside name: String, in folder: String) -> [String] {
    let candidates: [String] = listed.withLock { listed in
      if listed[folder] == nil { listed[folder] = list(folder) }
      let found = listed[folder]?[name] ?? []
      listed[folder]?[name] = nil
      return found
    }
    var removed: [String] = []
    for entry in candidates where isTemporary(entry, of: name) {
      let path = folder + "/" + entry
      if removeIfStale(path) { removed.append(path) }
    }
    return removed
  }

  /// Entries of `folder` that contain the marker, keyed by the name they would belong to.
  private static func list(_ folder: String) -> [String: [String]] {
    guard let directory = opendir(folder) else { return [:] }
    defer { closedir(directory) }
    var found: [String: [String]] = [:]
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      let bytes = Array(name.utf8)
      let suffix = marker.utf8.count + 6
      guard bytes.count > suffix + 1, bytes[0] == UInt8(ascii: "."),
        bytes[(bytes.count - suffix)...].starts(with: marker.utf8)
      else { continue }
      let owner = String(decoding: bytes[1..<(bytes.count - suffix)], as: UTF8.self)
      found[owner, default: []].append(name)
    }
    return found
  }

  /// Removes `path` if it is a regular file of this user whose lock is free.
  static func removeIfStale(_ path: String) -> Bool {
    var before = stat()
    guard lstat(path, &before) == 0, (before.st_mode & S_IFMT) == S_IFREG,
      before.st_uid == geteuid()
    else { return false }
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var opened = stat()
    guard fstat(fd, &opened) == 0, opened.st_ino == before.st_ino, opened.st_dev == before.st_dev,
      flock(fd, LOCK_EX | LOCK_NB) == 0
    else { return false }
    // Still the same file at that path (not replaced since it was opened)?
    var now = stat()
    guard lstat(path, &now) == 0, now.st_ino == opened.st_ino, now.st_dev == opened.st_dev else {
      return false
    }
    return unlink(path) == 0
  }

  /// Creates and locks a new temporary file for `name` in `folder`: its descriptor and path.
  static func create(beside name: String, in folder: String) throws(FileError) -> (Int32, String) {
    for _ in 0..<4 {
      var template = Array("\(folder)/.\(name)\(marker)XXXXXX".utf8CString)
      let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return -1 }
        return mkstemp(base)
      }
      guard fd >= 0 else {
        throw FileError(
          message: "cannot create a temporary file beside it: \(FileReader.systemMessage(errno))")
      }
      let path = String(
        decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      // Another run's clean-up may have taken it between mkstemp and the lock: then it is
      // no longer linked, and a new one is made.
      var info = stat()
      if flock(fd, LOCK_EX) == 0, fstat(fd, &info) == 0, info.st_nlink > 0 {
        return (fd, path)
      }
      close(fd)
    }
    throw FileError(message: "cannot create a temporary file beside it (removed at once)")
  }
}
