"""Printable papers: exam forms with their answer keys and the study handout, typeset as PDF with typst."""
