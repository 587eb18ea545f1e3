import Foundation
import PackagePlugin

/// Compiles the bundled dictionaries (dictionaries/**/*.yml) into the TermLint library.
@main
struct EmbedDictionaries: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL.appending(path: "dictionaries")
    var files: [URL] = []
    if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
      for case let url as URL in enumerator
      where url.pathExtension == "yml" || url.pathExtension == "yaml" {
        files.append(url)
      }
    }
    files.sort { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "BundledDictionaries.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(files.count) bundled dictionaries",
        executable: try context.tool(named: "termlint-embed").url,
        arguments: [output.path, root.path] + files.map(\.path),
        inputFiles: files,
        outputFiles: [output])
    ]
  }
}
