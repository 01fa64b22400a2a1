import GraphRender

/// The CLI's number formats are GraphRender's, so tables and reports agree; this name keeps
/// every command file free of an extra import.
typealias Formatting = GraphRender.Formatting
