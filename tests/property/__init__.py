"""Property tests: hypothesis strategies and the properties of the graph and the reflectie."""
