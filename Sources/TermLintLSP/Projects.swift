import Foundation
import TermLint

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a file looked like when it was read: a change of any part means it must be read
/// again. The inode catches editors that save by renaming a new file over the old one.
struct FileStamp: Equatable, Sendable {
  var exists: Bool
  var size: Int64 = 0
  var inode: UInt64 = 0
  var seconds: Int = 0
  var nanoseconds: Int = 0

  static func of(_ path: String) -> FileStamp {
    var info = stat()
    guard stat(path, &info) == 0 else { return FileStamp(exists: false) }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return FileStamp(
      exists: true, size: Int64(info.st_size), inode: UInt64(info.st_ino),
      seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
  }
}

/// The configuration and linter of each `.lint.yml` in use, found from a document's folder
/// the way the CLI finds it from the current folder (that folder or the nearest parent),
/// with the bundled dictionaries and the configuration's glossaries. A project is read
/// again when its `.lint.yml` or one of its glossaries changes (size, time or inode, checked
/// before each lint, so clients that do not watch files are served too) or when told to.
/// A configuration or glossary that does not load leaves the last good linter in place
/// (none the first time) and its error to be shown once.
final class Projects {
  struct Project {
    /// The `.lint.yml`, or nil for the defaults (no configuration file found).
    var configPath: String?
    var configuration: Configuration?
    /// The last linter that loaded; nil when nothing has loaded yet.
    var linter: Linter?
    /// The files it was built from, as they were.
    var watched: [String: FileStamp] = [:]
    /// The current load error (file:line:column: message), if any.
    var problem: String?
    /// Counts reloads, so documents know when to be linted again.
    var generation = 0
    /// False until loaded, and again once told its files changed.
    var isCurrent = false
  }

  /// Keyed by the configuration path; the defaults under "".
  private(set) var projects: [String: Project] = [:]
  private var bundled: [Glossary]?
  /// The folder for documents that are not files (untitled buffers): the workspace root.
  var fallbackDirectory: String?

  /// The project key for a document at `path` (nil: not a file).
  func key(forDocumentAt path: String?) -> String {
    let directory =
      path.map { ($0 as NSString).deletingLastPathComponent } ?? fallbackDirectory
    guard let directory else { return "" }
    return Configuration.discover(from: directory) ?? ""
  }

  /// Every file some project was built from.
  var watchedPaths: Set<String> { Set(projects.values.flatMap(\.watched.keys)) }

  /// Forgets what every project's files looked like, so each is read again when next used.
  func invalidateAll() {
    for key in projects.keys { projects[key]?.isCurrent = false }
  }

  struct Refresh {
    var project: Project
    /// The project was (re)loaded and its linter changed.
    var reloaded: Bool
    /// A load error not shown before.
    var newProblem: String?
  }

  /// The project for `key`, (re)loaded when new or when its files changed.
  func refresh(_ key: String) -> Refresh {
    if let existing = projects[key], existing.isCurrent,
      existing.watched.allSatisfy({ FileStamp.of($0.key) == $0.value })
    {
      return Refresh(project: existing, reloaded: false, newProblem: nil)
    }
    var project = projects[key] ?? Project(configPath: key.isEmpty ? nil : key)
    let previousProblem = project.problem
    var watched: [String: FileStamp] = [:]
    if let path = project.configPath { watched[path] = FileStamp.of(path) }
    // Watch the glossaries of the last configuration too, in case this one does not load.
    for glossary in project.configuration?.glossaries ?? [] {
      watched[glossary] = FileStamp.of(glossary)
    }
    do {
      let configuration =
        try project.configPath.map { path throws(TermLintError) in
          try Configuration.load(path: path)
        }
        ?? Configuration(root: FileManager.default.currentDirectoryPath)
      for glossary in configuration.glossaries { watched[glossary] = FileStamp.of(glossary) }
      project.configuration = configuration
      var glossaries = configuration.builtin ? try bundledGlossaries() : []
      for path in configuration.glossaries { glossaries.append(try GlossarySet.load(path: path)) }
      project.linter = Linter(
        glossary: CompiledGlossary(glossaries: glossaries), configuration: configuration)
      project.problem = nil
    } catch {
      project.problem = error.description
    }
    project.watched = watched
    project.isCurrent = true
    project.generation += 1
    projects[key] = project
    let newProblem = project.problem != previousProblem ? project.problem : nil
    return Refresh(project: project, reloaded: true, newProblem: newProblem)
  }

  private func bundledGlossaries() throws(TermLintError) -> [Glossary] {
    if let bundled { return bundled }
    let loaded = try GlossarySet.bundled()
    bundled = loaded
    return loaded
  }
}
