#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure to read a file, with the system's reason.
public struct FileError: Error, Sendable {
  public var message: String
}

/// Reads whole files with POSIX calls: one allocation of the file's size, no copies.
public enum FileReader {
  public static func contents(of path: String) throws(FileError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(message: systemMessage(errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw FileError(message: systemMessage(errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError(message: "is a directory") }
    // Read straight into the result: one copy, from the kernel.
    let size = max(Int(info.st_size), 0)
    var failure: Int32 = 0
    var result = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      initialized = 0
      while initialized < size {
        let count = read(fd, buffer.baseAddress.map { $0 + initialized }, size - initialized)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if count == 0 { break }
        initialized += count
      }
    }
    if failure != 0 { throw FileError(message: systemMessage(failure)) }
    var chunk = [UInt8](repeating: 0, count: 65536)
    // Files that grow while read (and special files with size 0) are read to the end.
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError(message: systemMessage(errno))
      }
      if count == 0 { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return result
  }

  /// The size of a regular file, or nil (not found, not a regular file).
  public static func size(of path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  static func systemMessage(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file or directory"
    case EACCES: return "permission denied"
    case EISDIR: return "is a directory"
    case ELOOP: return "too many levels of symbolic links"
    default: return String(cString: strerror(code))
    }
  }
}
