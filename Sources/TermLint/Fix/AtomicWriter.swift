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
/// they were read.
public enum AtomicWriter {
  public static func replace(
    _ path: String, expecting original: [UInt8], with bytes: [UInt8]
  ) throws(FileError) {
    var info = stat()
    guard stat(path, &info) == 0 else { throw FileError(message: FileReader.systemMessage(errno)) }
    let current = try FileReader.contents(of: path)
    guard current == original else {
      throw FileError(
        message: "changed since it was read; not overwritten (run termlint fix again)")
    }
    // Write through a symbolic link to its target, so the link survives.
    var target = path
    if let resolved = realpath(path, nil) {
      target = String(cString: resolved)
      free(resolved)
    }
    let slash = target.lastIndex(of: "/")
    let folder = slash.map { String(target[..<$0]) } ?? "."
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    var template = Array("\(folder)/.\(name).termlint-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard fd >= 0 else {
      throw FileError(
        message: "cannot create a temporary file beside it: \(FileReader.systemMessage(errno))")
    }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var succeeded = false
    defer {
      if !succeeded { unlink(temporary) }
    }
    guard fchmod(fd, info.st_mode & 0o7777) == 0 else {
      close(fd)
      throw FileError(message: "cannot set permissions: \(FileReader.systemMessage(errno))")
    }
    // Keep the owner when running as root (best effort; an ordinary user cannot change it).
    _ = fchown(fd, info.st_uid, info.st_gid)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        let message = FileReader.systemMessage(errno)
        close(fd)
        throw FileError(message: "cannot write: \(message)")
      }
      written += count
    }
    guard fsync(fd) == 0, close(fd) == 0 else {
      throw FileError(message: "cannot flush to disk: \(FileReader.systemMessage(errno))")
    }
    guard rename(temporary, target) == 0 else {
      throw FileError(message: "cannot replace: \(FileReader.systemMessage(errno))")
    }
    succeeded = true
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
