"""The docs site: the generated file set, what runs again under ``serve``, and the engine shells."""
