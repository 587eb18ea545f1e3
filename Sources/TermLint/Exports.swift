// The glossary model (Glossary, Term, Form, TermLintError, …) is part of TermLint's API.
@_exported import GlossaryModel
