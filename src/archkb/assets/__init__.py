"""Static files the docs site serves for the quiz: quiz.js, learning.js, quiz.css, and ts-fsrs
(vendored from npm at the version in vendor.json, with its licence)."""
