import ArgumentParser
import HeapGraph
import PythonAgent

/// The `refgraph` command: why does this Python process hold on to memory?
@main
struct Refgraph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refgraph",
        abstract: "Find out why a Python process holds on to memory.",
        discussion: """
            Capture a heap snapshot with `refgraph run SCRIPT`, then ask it questions: \
            `refgraph top` lists the most common types, `refgraph chain` shows what keeps an \
            object alive from a module down, `refgraph backrefs` draws its referrers.
            """,
        version: RefgraphVersion.current,
        subcommands: [
            RunCommand.self,
            AttachCommand.self,
            CoreCommand.self,
            TopCommand.self,
            InfoCommand.self,
            BackrefsCommand.self,
            RefsCommand.self,
            ChainCommand.self,
            GrowthCommand.self,
            CyclesCommand.self,
            OrphansCommand.self,
            RetainedCommand.self,
            LeaksCommand.self,
            AgentPathCommand.self,
        ]
    )
}
