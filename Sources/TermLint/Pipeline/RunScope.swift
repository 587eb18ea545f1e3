// Pipeline: a run-scoped lint (`--scope run`) and `discover`, in two phases: scan every
// file, then compare renderings across the run.

import Dispatch
import Foundation
import GlossaryModel
import Synchronization

extension Runner {
  /// A file read and scanned in the first phase of a run-scoped lint.
  struct Scanned: Sendable {
    var document: Document
    var scan: Linter.FileScan
    var file: SourceFile { document.original }
  }

  /// The first phase of a run-scoped lint or a discovery: every input read and scanned in
  /// parallel; the text files sorted by path (the file index of their renderings is their
  /// place in that order), and what could not be read.
  static func scanAll(
    _ inputs: [Input], linter: Linter, jobs: Int, collect: Bool,
    progress: (@Sendable () -> Void)? = nil
  ) -> (files: [Scanned], result: RunResult) {
    enum ScanOutcome: Sendable {
      case scanned(Scanned)
      case binary(String)
      case problem(TermLintError)
    }
    let slots = Slots<ScanOutcome>(count: inputs.count)
    let work: @Sendable (Int) -> Void = { index in
      switch load(inputs[index]) {
      case .text(let file):
        do throws(FormatError) {
          let document = try linter.document(for: file)
          var reader = NumberReader()
          let scan = linter.analyze(document, reader: &reader, collect: collect)
          slots[index] = .scanned(Scanned(document: document, scan: scan))
        } catch {
          slots[index] = .problem(error.problem(in: file))
        }
      case .binary(let path): slots[index] = .binary(path)
      case .problem(let problem): slots[index] = .problem(problem)
      }
      progress?()
    }
    perform(inputs.count, jobs: jobs, work)
    var result = RunResult()
    var files: [Scanned] = []
    for outcome in slots.values {
      switch outcome {
      case .scanned(let scanned): files.append(scanned)
      case .binary(let path): result.skippedBinary.append(path)
      case .problem(let problem): result.problems.append(problem)
      case nil: break
      }
    }
    files.sort { $0.file.path.utf8.lexicographicallyPrecedes($1.file.path.utf8) }
    for index in files.indices {
      for at in files[index].scan.occurrences.indices {
        files[index].scan.occurrences[at].file = index
      }
    }
    return (files, result)
  }

  /// The second phase: the phrases anchored anywhere in the run, found in every file
  /// (each file folded again, in parallel), added to the glossary renderings, grouped.
  static func groupAll(
    _ files: [Scanned], linter: Linter, jobs: Int, collect: Bool
  ) -> [RenderingGroup] {
    let included = files.indices.filter {
      collect || files[$0].scan.severities[InconsistentRule.description.id] != nil
    }
    let catalog = PhraseCatalog(anchors: included.flatMap { files[$0].scan.anchors })
    let slots = Slots<[RenderingOccurrence]>(count: included.count)
    perform(included.count, jobs: jobs) { slot in
      let index = included[slot]
      let scanned = files[index]
      var occurrences = scanned.scan.occurrences
      if !catalog.isEmpty {
        var folder = Folder()
        let view = scanned.document.view
        let folded = view.bytes.withUnsafeBufferPointer {
          folder.fold($0, range: view.textStart..<$0.count)
        }
        var reader = NumberReader()
        var textScan = TextScan(folded: folded, numerals: nil, catalog: catalog)
        textScan.run(reader: &reader) { _, _ in true }
        occurrences += linter.phraseOccurrences(
          scanned.document, folded: folded, hits: textScan.phraseHits, keys: catalog.keys,
          exclusions: scanned.scan.exclusions, fileIndex: index)
      }
      slots[slot] = occurrences
    }
    return Consistency.groups(slots.values.flatMap { $0 ?? [] }, glossary: linter.glossary)
  }

  /// Lints with `inconsistent` across the run: scan every file, group the renderings of
  /// the whole run, then filter each file's findings by its suppressions. The output does
  /// not depend on the number of threads: files are ordered by path before grouping.
  static func runScoped(
    _ inputs: [Input], linter: Linter, jobs: Int, progress: (@Sendable () -> Void)? = nil
  ) -> RunResult {
    var (files, result) = scanAll(
      inputs, linter: linter, jobs: jobs, collect: false, progress: progress)
    let groups = groupAll(files, linter: linter, jobs: jobs, collect: false)
    for (index, finding) in InconsistentRule.findings(
      groups, glossary: linter.glossary, scope: .run)
    {
      if let severity = files[index].scan.severities[InconsistentRule.description.id] {
        files[index].scan.findings.append((finding, severity))
      }
    }
    let slots = Slots<FileReport>(count: files.count)
    let scanned = files
    perform(files.count, jobs: jobs) { index in
      let file = scanned[index].file
      var findings = scanned[index].scan.findings
      let diagnostics = linter.finish(
        file, findings: &findings, severities: scanned[index].scan.severities)
      slots[index] = FileReport(
        path: file.path, diagnostics: diagnostics, source: diagnostics.isEmpty ? nil : file)
    }
    result.files = slots.values.compactMap { $0 }
    return result
  }

  /// What `termlint discover` needs: every rendering group of the run (glossary concepts
  /// and phrases, consistent or not) and the run's problems.
  public static func discover(
    _ inputs: [Input], linter: Linter, jobs: Int = Runner.defaultJobs,
    progress: (@Sendable () -> Void)? = nil
  ) -> (
    groups: [RenderingGroup], result: RunResult
  ) {
    let (files, result) = scanAll(
      inputs, linter: linter, jobs: jobs, collect: true, progress: progress)
    return (groupAll(files, linter: linter, jobs: jobs, collect: true), result)
  }
}
