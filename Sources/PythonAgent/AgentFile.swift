import Foundation

/// The bundled `refgraph_agent.py`, for scripts that copy the standalone agent into a
/// process refgraph does not run (`refgraph agent-path`) and for `refgraph attach`.
public enum AgentFile {
    /// The absolute path of the bundled `refgraph_agent.py`, found where `refgraph run`
    /// finds it (`REFGRAPH_AGENT_DIR`, or the resource bundle beside the executable).
    ///
    /// - Throws: `PythonAgentError` (`.agentMissing`) when the resource bundle is missing.
    public static func path() throws(PythonAgentError) -> String {
        switch AgentModule.agentDirectory {
        case let .success(directory):
            return URL(fileURLWithPath: directory + "/" + AgentModule.agentFileName).standardizedFileURL.path
        case let .failure(missing):
            throw PythonAgentError(
                .agentMissing,
                "\(missing) To use another copy, set REFGRAPH_AGENT_DIR to the folder holding refgraph_agent.py."
            )
        }
    }
}
