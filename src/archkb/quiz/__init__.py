"""The training quiz: a question bank generated from the KB facts, and its shells.

Public entry points: :func:`archkb.quiz.bank.build_bank` (KB -> bank), :func:`archkb.quiz.cache.load_bank`
(kb folder -> bank, cached), :func:`archkb.quiz.web.quiz_page_markdown` and :func:`archkb.quiz.web.asset_files`
(the site), :func:`archkb.quiz.terminal.run` (``archkb quiz``) and :func:`archkb.quiz.exports.export_quiz`.
This package imports nothing heavy on import; each module imports what it needs.
"""
