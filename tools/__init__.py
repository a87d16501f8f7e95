"""Developer tools that are not part of the shipped program: the documentation screenshots and the
example PDFs. They use the demo generator; nothing under ``netboard/`` imports them."""
