"""The terminal: click commands and rich output. Thin: parse, call, render."""
