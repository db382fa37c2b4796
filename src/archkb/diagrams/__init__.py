"""Architecture diagrams: topology to DOT (with the ``diagrams`` package), icons, rendering with
graphviz to SVG and PNG, and alt text."""
