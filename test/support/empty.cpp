// Keeps the support library non-empty before any support sources exist.
