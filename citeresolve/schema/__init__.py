"""The JSON Schema of citeresolve's output, shipped with the package."""
