import Foundation
import GlossaryModel

/// Expands the paths given on the command line into the files to lint: folders are walked
/// recursively in name order (hidden entries skipped), with `.lint.yml`'s include and
/// exclude globs. A file named explicitly is linted unless excluded. Symbolic links are
/// followed; a link back to a folder being walked is a loop and is skipped with a note, and
/// so is a symbolic link that resolves to itself (ELOOP).
public struct FileWalker {
  public struct Result: Sendable {
    /// Display paths, in walk order.
    public var files: [String] = []
    /// Paths that do not exist or cannot be read as folders.
    public var problems: [TermLintError] = []
    /// Things worth saying that are not errors (a directory loop).
    public var notes: [String] = []
  }

  public let configuration: Configuration

  public init(configuration: Configuration) {
    self.configuration = configuration
  }

  func relative(_ path: String) -> String { configuration.relativePath(path) }

  public func walk(_ paths: [String]) -> Result {
    var result = Result()
    var seenFiles = Set<String>()
    var seenDirectories = Set<FileID>()
    for path in paths {
      var info = stat()
      guard stat(path, &info) == 0 else {
        result.problems.append(TermLintError(.io, FileReader.systemMessage(errno), path: path))
        continue
      }
      if (info.st_mode & S_IFMT) == S_IFDIR {
        var ancestors: [FileID] = []
        walkDirectory(
          path, info: info, ancestors: &ancestors, seen: &seenDirectories, seenFiles: &seenFiles,
          into: &result)
      } else if !isExcluded(relative(path)) {
        if seenFiles.insert(path).inserted { result.files.append(path) }
      }
    }
    return result
  }

  private func isExcluded(_ relative: String) -> Bool {
    var unfiltered = configuration
    unfiltered.include = []
    return !unfiltered.includes(file: relative)
  }

  struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  private func walkDirectory(
    _ path: String, info: stat, ancestors: inout [FileID], seen: inout Set<FileID>,
    seenFiles: inout Set<String>, into result: inout Result
  ) {
    let id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    if ancestors.contains(id) {
      result.notes.append("\(path): skipped: directory loop (a link back to a folder being walked)")
      return
    }
    guard seen.insert(id).inserted else { return }
    let relativePath = relative(path)
    if !relativePath.isEmpty && configuration.excludes(directory: relativePath) { return }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      result.problems.append(
        TermLintError(.io, "cannot list folder: permission denied or unreadable", path: path))
      return
    }
    ancestors.append(id)
    defer { ancestors.removeLast() }
    for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    where !name.hasPrefix(".") {
      let child = path.hasSuffix("/") ? path + name : path + "/" + name
      var childInfo = stat()
      guard stat(child, &childInfo) == 0 else {
        let code = errno
        // A dangling link is not worth an error, a link loop is noted; anything else is an
        // error.
        var linkInfo = stat()
        if lstat(child, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK {
          if code == ELOOP {
            result.notes.append("\(child): skipped: symbolic link loop (the links never end)")
          }
          continue
        }
        result.problems.append(TermLintError(.io, FileReader.systemMessage(code), path: child))
        continue
      }
      switch childInfo.st_mode & S_IFMT {
      case S_IFDIR:
        walkDirectory(
          child, info: childInfo, ancestors: &ancestors, seen: &seen, seenFiles: &seenFiles,
          into: &result)
      case S_IFREG:
        if configuration.includes(file: relative(child)) && seenFiles.insert(child).inserted {
          result.files.append(child)
        }
      default:
        continue
      }
    }
  }
}
