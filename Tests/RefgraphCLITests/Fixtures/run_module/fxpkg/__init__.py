# A package whose submodule `tool` is run with `-m fxpkg.tool` (RunModuleTests).
