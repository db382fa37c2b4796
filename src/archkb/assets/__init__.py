"""Static files the docs site serves for the quiz (quiz.js, quiz.css)."""
