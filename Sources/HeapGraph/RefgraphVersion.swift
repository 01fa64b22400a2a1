/// refgraph's version: what `refgraph --version` prints and every capture records with its
/// name in `capturedBy`.
///
/// The source of the version is `__version__` in Sources/PythonAgent/Resources/refgraph_agent.py (users copy that
/// one file, so it carries its own version, and pyproject.toml reads it from there); this is
/// its copy for Swift, which cannot read a Python file when it compiles, and a test checks
/// the two are equal.
package enum RefgraphVersion {
    package static let current = "0.1.0"
}
