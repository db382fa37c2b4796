"""archkb: a docs-as-code knowledge base and quiz on F5 Distributed Cloud and Kubernetes."""

__version__ = "0.1.0"
