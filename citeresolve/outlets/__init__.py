"""The outlet registry: who publishes news, under which names, domains and handles."""
