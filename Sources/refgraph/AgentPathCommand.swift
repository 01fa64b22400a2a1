import ArgumentParser
import PythonAgent

/// `refgraph agent-path`: where the bundled standalone agent module is.
struct AgentPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent-path",
        abstract: "Print the absolute path of the bundled refgraph_agent.py.",
        discussion: """
            refgraph_agent is one standard-library Python file that works in any CPython 3.8 \
            to 3.13: copy it next to a program (or pip install the refgraph repository), then \
            `import refgraph_agent; refgraph_agent.snapshot("heap.rgs")`, or \
            `refgraph_agent.install()` to write a snapshot on each SIGUSR1. \
            `python -m refgraph_agent --help` explains both.
            """
    )

    func run() throws {
        Console.out(try AgentFile.path())
    }
}
